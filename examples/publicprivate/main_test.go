package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gatehouse/gatehouse/examples/internal/exampleapi"
	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

const audience = "https://fastapiexample.com"

func TestPublicPrivate(t *testing.T) {
	issuer := jwtauthtest.NewServer()
	defer issuer.Close()
	v, err := jwtauth.New(t.Context(), jwtauth.Config{Issuer: issuer.Issuer(), Audiences: []string{audience},
		HTTPClient: issuer.Client()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(routes(jwtauth.Middleware(v)))
	defer srv.Close()
	machine := issuer.Token().Audience(audience).ClientCredentials("m2m").Scope("read:messages").MustSign()
	noScope := issuer.Token().Audience(audience).MustSign()
	for _, c := range []struct {
		path, token string
		status      int
		field, want string
	}{
		{"/api/public", "", 200, "status", "success"},
		{"/api/private", "", 401, "error", "unauthorized"},
		{"/api/private", "FastAPI is awesome", 400, "error", "invalid_request"}, // not a b64token (RFC 6750 §2.1)
		{"/api/private", "FastAPI-is-awesome", 401, "error", "invalid_token"},
		{"/api/private", machine, 200, "sub", "m2m@clients"},
		{"/api/private", issuer.Token().MustSign(), 401, "error", "invalid_token"}, // another API's token
		{"/api/private-scoped", machine, 200, "gty", "client-credentials"},
		{"/api/private-scoped", noScope, 403, "error", "insufficient_scope"},
	} {
		status, body := get(t, srv.URL+c.path, map[string]string{"Authorization": bearer(c.token)})
		if status != c.status || body[c.field] != c.want {
			t.Errorf("GET %s: %d %v, want %d with %s=%s", c.path, status, body, c.status, c.field, c.want)
		}
	}
}

func TestBehindGateway(t *testing.T) {
	srv := httptest.NewServer(routes(exampleapi.FromGateway))
	defer srv.Close()
	h := map[string]string{"X-Auth-Subject": "auth0|u1", "X-Auth-Scopes": "openid read:messages"}
	if status, body := get(t, srv.URL+"/api/private-scoped", h); status != 200 || body["sub"] != "auth0|u1" {
		t.Errorf("with the gateway's headers: %d %v", status, body)
	}
	if status, _ := get(t, srv.URL+"/api/private", nil); status != 401 {
		t.Errorf("without the gateway's headers: %d, want 401", status)
	}
	h["X-Auth-Scopes"] = "openid"
	if status, _ := get(t, srv.URL+"/api/private-scoped", h); status != 403 {
		t.Errorf("without read:messages: %d, want 403", status)
	}
}

func bearer(token string) string {
	if token == "" {
		return ""
	}
	return "Bearer " + token
}

func get(t *testing.T, url string, headers map[string]string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range headers {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(b, &m)
	return resp.StatusCode, m
}
