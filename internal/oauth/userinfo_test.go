package oauth

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func (f *fixture) userinfo(method, token string) response {
	f.t.Helper()
	var hdr http.Header
	if token != "" {
		hdr = http.Header{"Authorization": {"Bearer " + token}}
	}
	return f.do(method, "/userinfo", "", "", hdr)
}

func TestUserinfoClaims(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ scope, aud, want string }{
		{"openid profile email", apiAud, `{"sub":"auth0|000000000000000000000a11","given_name":"Alice","family_name":"Liddell",` +
			`"nickname":"alice","name":"alice@example.com","picture":"https://s.gravatar.com/avatar/c160f8cc69a4f0bf2b0362752353d060?s=480\u0026r=pg\u0026d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fal.png",` +
			`"updated_at":"` + isoString(f.clock.Now()) + `","email":"alice@example.com","email_verified":true}`},
		{"openid offline_access", "", `{"sub":"auth0|000000000000000000000a11"}`},
		{"openid email", esAud, `{"sub":"auth0|000000000000000000000a11","email":"alice@example.com","email_verified":true}`},
	}
	for _, tt := range tests {
		at := f.okToken(passwordForm(webID, webSecret, tt.scope, tt.aud))["access_token"].(string)
		for _, method := range []string{"GET", "POST"} {
			r := f.userinfo(method, at)
			if r.status != 200 || string(r.body) != tt.want {
				t.Errorf("%s %q: %d %s\nwant %s", method, tt.scope, r.status, r.body, tt.want)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
		}
	}
}

func TestUserinfoErrors(t *testing.T) {
	f := newFixture(t)
	cc := f.okToken(form("grant_type", "client_credentials", "client_id", m2mID,
		"client_secret", m2mSecret, "audience", apiAud))["access_token"].(string)
	body := f.okToken(passwordForm(webID, webSecret, "openid", ""))
	user, idToken := body["access_token"].(string), body["id_token"].(string)
	invalid := `Bearer realm="Users", error="invalid_token", error_description="Invalid token"`
	check := func(name string, r response, challenge string) {
		t.Helper()
		if r.status != 401 || string(r.body) != "Unauthorized" || r.header.Get("WWW-Authenticate") != challenge {
			t.Errorf("%s: %d %q %q", name, r.status, r.body, r.header.Get("WWW-Authenticate"))
		}
	}
	check("no token", f.userinfo("GET", ""), `Bearer realm="Users"`)
	check("garbage", f.userinfo("GET", "not.a.jwt"), invalid)
	check("no userinfo audience", f.userinfo("GET", cc), invalid)
	check("an ID token", f.userinfo("GET", idToken), invalid)
	check("tampered", f.userinfo("GET", user[:len(user)-4]+"AAAA"), invalid)
	f.clock.Add(86401 * time.Second)
	check("expired", f.userinfo("GET", user), `Bearer realm="Users", error="invalid_token", error_description="The token has expired"`)
}

func TestUserinfoDeletedUser(t *testing.T) {
	f := newFixture(t)
	at := f.okToken(passwordForm(webID, webSecret, "openid", ""))["access_token"].(string)
	must(t, f.store.DeleteUser(f.ctx, aliceID))
	if r := f.userinfo("GET", at); r.status != 401 {
		t.Errorf("%d %s", r.status, r.body)
	}
}

func TestUserinfoOtherIssuer(t *testing.T) {
	f := newFixture(t)
	at := f.okToken(passwordForm(webID, webSecret, "openid", ""))["access_token"].(string)
	other := *f.h
	other.Issuer = "https://other.example.com/"
	w, req := httptest.NewRecorder(), httptest.NewRequest("GET", "/userinfo", nil)
	req.Header.Set("Authorization", "Bearer "+at)
	other.serveUserinfo(w, req)
	if w.Code != 401 {
		t.Errorf("%d %s", w.Code, w.Body)
	}
}
