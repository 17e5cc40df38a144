package oauth

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func (f *fixture) corsServer(o *Origins) *httptest.Server {
	mux := http.NewServeMux()
	f.h.Mount(mux)
	srv := httptest.NewTLSServer(o.Middleware(mux))
	f.t.Cleanup(srv.Close)
	return srv
}

func send(t *testing.T, srv *httptest.Server, method, path string, hdr map[string]string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	must(t, err)
	resp.Body.Close()
	return resp
}

func TestCORSPreflight(t *testing.T) {
	f := newFixture(t)
	srv := f.corsServer(NewOrigins(f.store, 5*time.Second, quiet))
	tests := []struct {
		origin string
		ok     bool
	}{
		{appOrigin, true},                          // a callback's origin
		{"https://APP.example.com:443", true},      // same origin, spelled differently
		{"https://web.example.com", true},          // web_origins
		{"https://pr-7.preview.example.com", true}, // allowed_origins wildcard
		{"https://preview.example.com", false},
		{"http://app.example.com", false},
		{"https://evil.example.com", false},
		{"null", false},
	}
	for _, tt := range tests {
		resp := send(t, srv, "OPTIONS", "/oauth/token", map[string]string{"Origin": tt.origin,
			"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,auth0-client"})
		got := resp.Header.Get("Access-Control-Allow-Origin")
		if tt.ok && (resp.StatusCode != 204 || got != tt.origin ||
			resp.Header.Get("Access-Control-Allow-Headers") != "Authorization, Content-Type, Auth0-Client" ||
			resp.Header.Get("Access-Control-Max-Age") == "") {
			t.Errorf("%s: %d %v", tt.origin, resp.StatusCode, resp.Header)
		}
		if !tt.ok && (resp.StatusCode != 403 || got != "" || resp.Header.Get("Access-Control-Allow-Methods") != "") {
			t.Errorf("%s allowed: %d %v", tt.origin, resp.StatusCode, resp.Header)
		}
	}
}

func TestCORSActualRequest(t *testing.T) {
	f := newFixture(t)
	srv := f.corsServer(NewOrigins(f.store, 5*time.Second, quiet))
	resp := send(t, srv, "GET", "/userinfo", map[string]string{"Origin": appOrigin})
	if resp.StatusCode != 401 || resp.Header.Get("Access-Control-Allow-Origin") != appOrigin ||
		resp.Header.Get("Vary") != "Origin" {
		t.Errorf("allowed: %d %v", resp.StatusCode, resp.Header)
	}
	resp = send(t, srv, "GET", "/userinfo", map[string]string{"Origin": "https://evil.example.com"})
	if resp.StatusCode != 401 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("denied: %d %v", resp.StatusCode, resp.Header)
	}
	resp = send(t, srv, "GET", "/userinfo", nil)
	if resp.Header.Get("Vary") != "" {
		t.Errorf("no origin: %v", resp.Header)
	}
}

// TestCORSCacheTTL: a new client's origin is allowed once the cache expires.
func TestCORSCacheTTL(t *testing.T) {
	f := newFixture(t)
	o := NewOrigins(f.store, 5*time.Second, quiet)
	o.now = f.clock.Now
	const origin = "https://new.example.com"
	if o.Allowed(f.ctx, origin) {
		t.Fatal("allowed before the client exists")
	}
	must(t, f.store.CreateClient(f.ctx, idp.Client{ID: idp.NewClientID(), Name: "new",
		TokenEndpointAuthMethod: idp.AuthNone, AllowedOrigins: []string{origin + "/ignored/path"}}))
	if o.Allowed(f.ctx, origin) {
		t.Error("cache not used")
	}
	f.clock.Add(6 * time.Second)
	if !o.Allowed(f.ctx, origin) {
		t.Error("not allowed after the TTL")
	}
}

func TestOriginOf(t *testing.T) {
	tests := map[string]string{
		"https://App.Example.com/cb?x#y": "https://app.example.com",
		"http://localhost:3000/":         "http://localhost:3000",
		"http://localhost:80":            "http://localhost",
		"https://*.example.com":          "https://*.example.com",
		"com.example.app://callback":     "com.example.app://callback",
		"no-scheme.example.com":          "",
		"https://user@evil.com":          "",
	}
	for in, want := range tests {
		got, ok := originOf(in)
		if got != want || ok != (want != "") {
			t.Errorf("originOf(%q) = %q, %v", in, got, ok)
		}
	}
}
