package jwtauth_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// echo answers 200 with the verified subject.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	c, ok := jwtauth.ClaimsFrom(r.Context())
	if !ok {
		http.Error(w, "no claims", http.StatusInternalServerError)
		return
	}
	_, _ = io.WriteString(w, c.Subject)
})

type response struct {
	status    int
	challenge string
	body      map[string]string
	text      string
	header    http.Header
}

// call sends a GET with the given Authorization headers over real HTTP.
func call(t *testing.T, h http.Handler, auth ...string) response {
	t.Helper()
	api := httptest.NewServer(h)
	defer api.Close()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, api.URL, nil)
	for _, a := range auth {
		req.Header.Add("Authorization", a)
	}
	resp, err := api.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := response{status: resp.StatusCode, challenge: resp.Header.Get("WWW-Authenticate"),
		text: string(raw), header: resp.Header}
	if resp.StatusCode != http.StatusOK {
		if err := json.Unmarshal(raw, &r.body); err != nil {
			t.Fatalf("error body %q is not JSON: %v", raw, err)
		}
		if resp.Header.Get("Content-Type") != "application/json" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("error headers %v", resp.Header)
		}
	}
	return r
}

func TestMiddleware(t *testing.T) {
	srv := newServer(t)
	v := newValidator(t, srv, newClock(), nil)
	h := jwtauth.Middleware(v)(echo)
	good := srv.Token().MustSign()
	expired := srv.Token().At(time.Now().Add(-2 * time.Hour)).MustSign()
	realm := `Bearer realm="` + jwtauthtest.DefaultAudience + `"`
	tests := []struct {
		name      string
		auth      []string
		status    int
		challenge string
		errCode   string
	}{
		{"valid", []string{"Bearer " + good}, 200, "", ""},
		{"scheme in lower case", []string{"bearer " + good}, 200, "", ""},
		{"scheme in upper case, extra spaces", []string{"BEARER   " + good + " "}, 200, "", ""},
		{"no header", nil, 401, realm, "unauthorized"},
		{"another scheme", []string{"Basic dXNlcjpwYXNz"}, 401, realm, "unauthorized"},
		{"scheme alone", []string{"Bearer"}, 400, realm + `, error="invalid_request", error_description="malformed bearer credentials"`, "invalid_request"},
		{"two tokens", []string{"Bearer " + good + " " + good}, 400, realm + `, error="invalid_request", error_description="malformed bearer credentials"`, "invalid_request"},
		{"two headers", []string{"Bearer " + good, "Bearer " + good}, 400, realm + `, error="invalid_request", error_description="more than one Authorization header"`, "invalid_request"},
		{"expired", []string{"Bearer " + expired}, 401, realm + `, error="invalid_token", error_description="token expired"`, "invalid_token"},
		{"garbage", []string{"Bearer not.a.jwt"}, 401, realm + `, error="invalid_token", error_description="malformed token"`, "invalid_token"},
		{"100 KB token", []string{"Bearer " + strings.Repeat("x", 100<<10)}, 401, realm + `, error="invalid_token", error_description="token too large"`, "invalid_token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, h, tt.auth...)
			if r.status != tt.status || r.challenge != tt.challenge || r.body["error"] != tt.errCode {
				t.Fatalf("got %d %q %v, want %d %q %q", r.status, r.challenge, r.body, tt.status, tt.challenge, tt.errCode)
			}
			if tt.status == 200 && r.text != jwtauthtest.DefaultSubject {
				t.Fatalf("handler saw subject %q", r.text)
			}
			if tt.status != 200 && r.body["error_description"] == "" {
				t.Fatalf("body %v lacks error_description", r.body)
			}
		})
	}
}

func TestMiddlewareKeysUnavailable(t *testing.T) {
	srv := newServer(t)
	srv.SetFailing(true)
	v := newValidator(t, srv, newClock(), nil)
	r := call(t, jwtauth.Middleware(v)(echo), "Bearer "+srv.Token().MustSign())
	if r.status != 503 || r.challenge != "" || r.body["error"] != "temporarily_unavailable" ||
		r.header.Get("Retry-After") != "30" {
		t.Fatalf("got %d %q %v %v", r.status, r.challenge, r.body, r.header)
	}
}

func TestMiddlewareRealm(t *testing.T) {
	srv := newServer(t)
	v := newValidator(t, srv, newClock(), nil)
	r := call(t, jwtauth.Middleware(v, jwtauth.WithRealm(`fruit "api"`))(echo))
	if r.challenge != `Bearer realm="fruit ?api?"` {
		t.Fatalf("challenge %q", r.challenge)
	}
}

func TestRequireScopesAndPermissions(t *testing.T) {
	srv := newServer(t)
	v := newValidator(t, srv, newClock(), nil)
	token := srv.Token().Scope("read:usual-fruit", "write:usual-fruit").
		Permissions("read:exotic-fruit").MustSign()
	realm := `Bearer realm="` + jwtauthtest.DefaultAudience + `"`
	tests := []struct {
		name      string
		check     func(http.Handler) http.Handler
		challenge string // "" when admitted
	}{
		{"all scopes held", jwtauth.RequireScopes("read:usual-fruit", "write:usual-fruit"), ""},
		{"all scopes, one missing", jwtauth.RequireScopes("read:usual-fruit", "write:exotic-fruit"),
			realm + `, error="insufficient_scope", error_description="requires scopes: read:usual-fruit write:exotic-fruit", scope="read:usual-fruit write:exotic-fruit"`},
		{"any scope, one held", jwtauth.RequireAnyScope("read:exotic-fruit", "read:usual-fruit"), ""},
		{"any scope, none held", jwtauth.RequireAnyScope("read:exotic-fruit", "write:exotic-fruit"),
			realm + `, error="insufficient_scope", error_description="requires one of the scopes: read:exotic-fruit write:exotic-fruit", scope="read:exotic-fruit write:exotic-fruit"`},
		{"scope present only as a permission", jwtauth.RequireScopes("read:exotic-fruit"),
			realm + `, error="insufficient_scope", error_description="requires scopes: read:exotic-fruit", scope="read:exotic-fruit"`},
		{"all permissions held", jwtauth.RequirePermissions("read:exotic-fruit"), ""},
		{"permission present only as a scope", jwtauth.RequirePermissions("read:usual-fruit"),
			realm + `, error="insufficient_scope", error_description="requires permissions: read:usual-fruit", scope="read:usual-fruit"`},
		{"any permission, one held", jwtauth.RequireAnyPermission("x", "read:exotic-fruit"), ""},
		{"any permission, none held", jwtauth.RequireAnyPermission("x", "y"),
			realm + `, error="insufficient_scope", error_description="requires one of the permissions: x y", scope="x y"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, jwtauth.Middleware(v)(tt.check(echo)), "Bearer "+token)
			want, code := 200, ""
			if tt.challenge != "" {
				want, code = 403, "insufficient_scope"
			}
			if r.status != want || r.challenge != tt.challenge || r.body["error"] != code {
				t.Fatalf("got %d %q %v, want %d %q", r.status, r.challenge, r.body, want, tt.challenge)
			}
		})
	}
}

// TestRequireWithoutMiddleware: a scope check not behind Middleware fails
// closed.
func TestRequireWithoutMiddleware(t *testing.T) {
	r := call(t, jwtauth.RequireScopes()(echo))
	if r.status != 401 || r.challenge != "Bearer" {
		t.Fatalf("got %d %q", r.status, r.challenge)
	}
}
