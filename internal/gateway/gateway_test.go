package gateway_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/gateway"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

const testConfig = `
listen: 127.0.0.1:0
authorizers:
  - name: main
    issuer_url: ISSUER
    audience: https://api.example.com/
  - name: other
    issuer_url: ISSUER
    audience: [https://other.example/, https://third.example/]
default_authorizer: main
routes:
  - {method: GET, path: /api/private, upstream: UPSTREAM}
  - {method: GET, path: /api/public, upstream: UPSTREAM, public: true}
  - {method: GET, path: /api/public-token, upstream: UPSTREAM, public: true, pass_token: true}
  - {method: GET, path: /api/pass, upstream: UPSTREAM, pass_token: true}
  - {method: ANY, path: /api/scoped, upstream: UPSTREAM, scopes: [read:a, read:b]}
  - {method: GET, path: /api/any, upstream: UPSTREAM, any_scopes: [read:a, read:b]}
  - {method: GET, path: /api/perm, upstream: UPSTREAM, permissions: [reports:read]}
  - {method: GET, path: /api/other, upstream: UPSTREAM, authorizer: other}
  - {method: GET, path: "/svc/{rest...}", upstream: UPSTREAM/base, strip_prefix: /svc}
  - {name: items, method: POST, path: "/items/{id}", upstream: UPSTREAM}
`

func TestAuthorizerDecides(t *testing.T) {
	r := newRig(t, testConfig)
	ab, a := r.token("read:a", "read:b"), r.token("read:a")
	other := r.issuer.Token().Audience("https://third.example/").MustSign()
	perm := r.issuer.Token().Permissions("reports:read").MustSign()
	tests := []struct {
		name, method, path, token string
		status                    int
		challenge                 string // part of WWW-Authenticate
	}{
		{"no token", "GET", "/api/private", "", 401, `Bearer realm="https://api.example.com/"`},
		{"garbage token", "GET", "/api/private", "not.a.jwt", 401, `error="invalid_token"`},
		{"valid token", "GET", "/api/private", a, 200, ""},
		{"other API's token", "GET", "/api/private", other, 401, `error="invalid_token"`},
		{"public, no token", "GET", "/api/public", "", 200, ""},
		{"public, junk token", "GET", "/api/public", "junk", 200, ""},
		{"all scopes held", "POST", "/api/scoped", ab, 200, ""},
		{"one scope missing", "DELETE", "/api/scoped", a, 403, `error="insufficient_scope", error_description="requires scopes: read:a read:b", scope="read:a read:b"`},
		{"any scope: one held", "GET", "/api/any", a, 200, ""},
		{"any scope: none held", "GET", "/api/any", r.token("write:a"), 403, "insufficient_scope"},
		{"permission held", "GET", "/api/perm", perm, 200, ""},
		{"permission missing", "GET", "/api/perm", a, 403, "insufficient_scope"},
		{"override authorizer, its audience", "GET", "/api/other", other, 200, ""},
		{"override authorizer, default audience", "GET", "/api/other", a, 401, "invalid_token"},
		{"wrong method", "POST", "/api/private", a, 404, ""},
		{"no route", "GET", "/nowhere", a, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.do(tt.method, tt.path, tt.token)
			if got.status != tt.status {
				t.Fatalf("%s %s: got %s, want %d", tt.method, tt.path, got, tt.status)
			}
			if !strings.Contains(got.header.Get("WWW-Authenticate"), tt.challenge) {
				t.Fatalf("WWW-Authenticate %q lacks %q", got.header.Get("WWW-Authenticate"), tt.challenge)
			}
			if tt.status >= 400 && (got.errorCode() == "" || got.header.Get("Content-Type") != "application/json") {
				t.Fatalf("error without a JSON body: %s", got)
			}
		})
	}
}

func TestClaimsPassedUpstream(t *testing.T) {
	r := newRig(t, testConfig)
	tok := r.issuer.Token().ClientCredentials("svc-client").Scope("read:a", "read:b").
		Permissions("reports:read", "reports:write").MustSign()
	e := r.do("GET", "/api/private?x=1", tok, "X-Forwarded-For", "6.6.6.6").echoed(t)
	want := map[string]string{
		gateway.HeaderSubject: "svc-client@clients", gateway.HeaderScopes: "read:a read:b",
		gateway.HeaderPermissions: "reports:read reports:write", gateway.HeaderClientID: "svc-client",
		"X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "http", "Authorization": "",
	}
	for k, v := range want {
		if got := strings.Join(e.Header.Values(k), ","); got != v {
			t.Errorf("upstream header %s = %q, want %q", k, got, v)
		}
	}
	if e.Path != "/api/private" || e.Query != "x=1" || e.Header.Get("X-Forwarded-Host") == "" {
		t.Errorf("upstream saw %+v", e)
	}
	if e := r.do("GET", "/api/pass", tok).echoed(t); e.Header.Get("Authorization") != "Bearer "+tok {
		t.Errorf("pass_token: upstream Authorization %q", e.Header.Get("Authorization"))
	}
}

// TestInboundClaimHeadersStripped: a client cannot claim to be someone
// through the headers the gateway vouches for, on any route.
func TestInboundClaimHeadersStripped(t *testing.T) {
	r := newRig(t, testConfig)
	spoof := []string{"X-Auth-Subject", "admin", "x-auth-scopes", "read:all", "X-AUTH-PERMISSIONS", "root",
		"X-Auth-Client-Id", "evil", "X_Auth_Subject", "admin2", "X-Auth_Scopes", "read:all"}
	for _, path := range []string{"/api/public", "/api/public-token"} {
		e := r.do("GET", path, "", spoof...).echoed(t)
		for k := range e.Header {
			if strings.HasPrefix(strings.ToLower(strings.ReplaceAll(k, "_", "-")), "x-auth-") {
				t.Errorf("%s: upstream received %s: %v", path, k, e.Header[k])
			}
		}
	}
	e := r.do("GET", "/api/private", r.issuer.Token().Subject("alice").Without("azp").MustSign(), spoof...).echoed(t)
	if got := e.Header.Values("X-Auth-Subject"); len(got) != 1 || got[0] != "alice" {
		t.Errorf("X-Auth-Subject = %q, want only the token's alice", got)
	}
	for _, k := range []string{"X-Auth-Scopes", "X-Auth-Permissions", "X-Auth-Client-Id", "X_Auth_Subject", "X-Auth_Scopes"} {
		if v, ok := e.Header[k]; ok {
			t.Errorf("token without that claim: upstream still got %s: %v", k, v)
		}
	}
}

func TestRouting(t *testing.T) {
	r := newRig(t, testConfig)
	tok := r.token()
	if e := r.do("GET", "/svc/a/b%2Fc?q=1", tok).echoed(t); e.Path != "/base/a/b%2Fc" || e.Query != "q=1" {
		t.Errorf("strip_prefix: upstream saw %s?%s, want /base/a/b%%2Fc?q=1", e.Path, e.Query)
	}
	if e := r.do("POST", "/items/42", tok).echoed(t); e.Method != "POST" || e.Path != "/items/42" {
		t.Errorf("POST /items/42: upstream saw %s %s", e.Method, e.Path)
	}
	if got := r.do("GET", "/api/public", ""); got.header.Get("Content-Type") != "application/json" {
		t.Errorf("upstream's headers not returned: %v", got.header)
	}
	if got := r.do("GET", "/nowhere", ""); got.errorCode() != "not_found" {
		t.Errorf("unmatched: %s", got)
	}
}

func TestIssuerKeysUnavailable(t *testing.T) {
	r := newRig(t, testConfig)
	r.issuer.SetFailing(true)
	got := r.do("GET", "/api/private", r.token())
	if got.status != http.StatusServiceUnavailable || got.errorCode() != "temporarily_unavailable" ||
		got.header.Get("Retry-After") == "" {
		t.Fatalf("issuer down, no keys ever fetched: got %s %v, want 503 JSON with Retry-After", got, got.header)
	}
	if got := r.do("GET", "/api/public", ""); got.status != 200 {
		t.Fatalf("public route with the issuer down: %s", got)
	}
}

func TestMultipleAuthorizersShareTheIssuersKeys(t *testing.T) {
	r := newRig(t, testConfig)
	r.do("GET", "/api/private", r.token())
	r.do("GET", "/api/other", r.issuer.Token().Audience("https://other.example/").MustSign())
	if n := r.issuer.JWKSFetches(); n != 1 {
		t.Fatalf("two authorizers of one issuer fetched the JWKS %d times, want 1", n)
	}
	_ = jwtauthtest.DefaultAudience
}
