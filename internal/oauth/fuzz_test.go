package oauth

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzToken: no body, however malformed, yields a 500, a panic or a
// non-OAuth error body.
func FuzzToken(f *testing.F) {
	fx := newFixture(f)
	seeds := []struct{ ctype, body string }{
		{formType, "grant_type=client_credentials&client_id=" + m2mID + "&client_secret=" + m2mSecret + "&audience=" + apiAud},
		{formType, "grant_type=refresh_token&client_id=" + webID + "&client_secret=" + webSecret + "&refresh_token=%00"},
		{formType, "grant_type=password&client_id=" + spaID + "&username=&password=x&audience=%FF"},
		{"application/json", `{"grant_type":"http://auth0.com/oauth/grant-type/password-realm","client_id":"` + spaID + `","realm":"x"}`},
		{"application/json", `{"grant_type":null,"client_id":1}`},
		{"application/json; charset=utf-8", `[]`},
		{"multipart/form-data", "--x"},
		{formType, "&&&==%"},
	}
	for _, s := range seeds {
		f.Add(s.ctype, s.body)
	}
	f.Fuzz(func(t *testing.T, ctype, body string) {
		req := httptest.NewRequest("POST", "/oauth/token", strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		w := httptest.NewRecorder()
		fx.mux.ServeHTTP(w, req)
		if w.Code == 200 {
			return
		}
		var e struct{ Error, ErrorDescription string }
		if w.Code >= 500 || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error == "" {
			t.Errorf("%s %q: %d %s", ctype, body, w.Code, w.Body)
		}
	})
}
