package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/examples/internal/exampleapi"
	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// fruitRules is seed 002's rule table: read:usual-fruit reads the usual
// list; read:exotic-fruit reads usual and exotic; write:usual-fruit adds
// usual fruit; write:exotic-fruit adds usual and exotic fruit; anything
// else is 403.
var fruitRules = []struct {
	scope                                            string
	getAll, getUsual, getExotic, addUsual, addExotic int
}{
	{"read:usual-fruit", 200, 200, 403, 403, 403},
	{"read:exotic-fruit", 200, 200, 200, 403, 403},
	{"write:usual-fruit", 403, 403, 403, 201, 403},
	{"write:exotic-fruit", 403, 403, 403, 201, 201},
	{"read:messages", 403, 403, 403, 403, 403},
	{"", 403, 403, 403, 403, 403},
	{"read:exotic-fruit write:usual-fruit", 200, 200, 200, 201, 403},
}

// call is one request to the API; scopes "-" means no credentials.
type call func(method, path, scopes, body string) (int, string)

func TestFruitRulesWithJWTAuth(t *testing.T) {
	issuer := jwtauthtest.NewServer()
	defer issuer.Close()
	v, err := jwtauth.New(t.Context(), jwtauth.Config{Issuer: issuer.Issuer(), Audiences: []string{"api/fruit"},
		HTTPClient: issuer.Client()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newAPI().routes(jwtauth.Middleware(v)))
	defer srv.Close()
	checkRules(t, func(method, path, scopes, body string) (int, string) {
		h := map[string]string{}
		if scopes != "-" {
			h["Authorization"] = "Bearer " + issuer.Token().Audience("api/fruit").Scope(strings.Fields(scopes)...).MustSign()
		}
		return send(t, srv.URL, method, path, h, body)
	})
	if status, _ := send(t, srv.URL, "GET", "/api/fruit", map[string]string{"Authorization": "Bearer " +
		issuer.Token().Scope(readExotic).MustSign()}, ""); status != 401 {
		t.Errorf("token for another audience: %d, want 401", status)
	}
}

// TestFruitRulesBehindGateway: the same rules read from the headers the
// gateway sets.
func TestFruitRulesBehindGateway(t *testing.T) {
	srv := httptest.NewServer(newAPI().routes(exampleapi.FromGateway))
	defer srv.Close()
	checkRules(t, func(method, path, scopes, body string) (int, string) {
		h := map[string]string{}
		if scopes != "-" {
			h["X-Auth-Subject"], h["X-Auth-Scopes"] = "auth0|x", scopes
		}
		return send(t, srv.URL, method, path, h, body)
	})
}

func checkRules(t *testing.T, c call) {
	t.Helper()
	if status, _ := c("GET", "/api/fruit", "-", ""); status != 401 {
		t.Errorf("no credentials: %d, want 401", status)
	}
	for _, r := range fruitRules {
		for _, q := range []struct {
			method, path, body string
			want               int
		}{
			{"GET", "/api/fruit", "", r.getAll},
			{"GET", "/api/fruit/usual", "", r.getUsual},
			{"GET", "/api/fruit/exotic", "", r.getExotic},
			{"POST", "/api/fruit/usual", `{"name":"kiwi"}`, r.addUsual},
			{"POST", "/api/fruit/exotic", `{"name":"salak"}`, r.addExotic},
		} {
			status, body := c(q.method, q.path, r.scope, q.body)
			if status != q.want {
				t.Errorf("scope %q: %s %s = %d %s, want %d", r.scope, q.method, q.path, status, body, q.want)
			}
		}
		status, body := c("GET", "/api/fruit", r.scope, "")
		var all map[string][]string
		json.Unmarshal([]byte(body), &all)
		if _, exotic := all["exotic"]; status == 200 && exotic != strings.Contains(r.scope, readExotic) {
			t.Errorf("scope %q: GET /api/fruit lists %v", r.scope, all)
		}
	}
}

func TestAddValidatesInput(t *testing.T) {
	srv := httptest.NewServer(newAPI().routes(exampleapi.FromGateway))
	defer srv.Close()
	h := map[string]string{"X-Auth-Subject": "s", "X-Auth-Scopes": writeUsual}
	for _, body := range []string{"", "{", `{"name":""}`, `{"name":"<script>"}`, `{"name":"x","extra":1}`,
		`{"name":"` + strings.Repeat("a", 65) + `"}`, strings.Repeat(" ", 2000)} {
		if status, out := send(t, srv.URL, "POST", "/api/fruit/usual", h, body); status != 400 {
			t.Errorf("body %.30q: %d %s, want 400", body, status, out)
		}
	}
}

func send(t *testing.T, base, method, path string, headers map[string]string, body string) (int, string) {
	t.Helper()
	r, _ := http.NewRequest(method, base+path, strings.NewReader(body))
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
