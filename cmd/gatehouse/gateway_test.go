package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const gatewayYAML = `
listen: 127.0.0.1:0
admin_listen: 127.0.0.1:0
authorizers:
  - {name: gatehouse, issuer_url: "ISSUER", audience: https://api.test, ca_file: "CAFILE"}
default_authorizer: gatehouse
routes:
  - {method: GET, path: /api/things, upstream: "UPSTREAM", scopes: [read:things]}
  - {method: GET, path: /api/admin, upstream: "UPSTREAM", scopes: [write:things]}
  - {method: GET, path: /api/public, upstream: "UPSTREAM", public: true}
`

// TestGatewayWithRunningGatehouse runs the gateway in front of an echo
// upstream, with tokens from a running gatehouse, then reloads it.
func TestGatewayWithRunningGatehouse(t *testing.T) {
	m, client, issuer := startMain(t)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"path": r.URL.Path,
			"sub": r.Header.Get("X-Auth-Subject"), "scopes": r.Header.Get("X-Auth-Scopes")})
	}))
	defer up.Close()
	path := filepath.Join(t.TempDir(), "gateway.yaml")
	subst := strings.NewReplacer("ISSUER", issuer, "CAFILE", m.CAFile, "UPSTREAM", up.URL)
	os.WriteFile(path, []byte(subst.Replace(gatewayYAML)), 0o600)
	var out bytes.Buffer
	g := &gatewayMain{path: path, log: newLogger(io.Discard), out: &out}
	if err := g.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for _, want := range []string{"Base API URL -> " + g.BaseURL, "GET  /api/things  -> " + up.URL + "  authorizer gatehouse; scopes read:things", "Metrics -> " + g.AdminURL + "/metrics"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
	token := clientCredentials(t, client, issuer)
	call := func(path, token string) (int, string) {
		req, _ := http.NewRequest("GET", g.BaseURL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, c := range []struct {
		path, token string
		status      int
		body        string
	}{
		{"/api/things", "", 401, "bearer token required"},
		{"/api/things", token, 200, `"sub":"` + workerID + `@clients"`},
		{"/api/admin", token, 403, "insufficient_scope"},
		{"/api/public", "", 200, `"sub":""`},
	} {
		if status, body := call(c.path, c.token); status != c.status || !strings.Contains(body, c.body) {
			t.Errorf("GET %s: %d %s, want %d with %s", c.path, status, body, c.status, c.body)
		}
	}
	os.WriteFile(path, []byte(subst.Replace(strings.Replace(gatewayYAML, "[write:things]", "[read:things]", 1))), 0o600)
	if err := g.Reload(); err != nil {
		t.Fatal(err)
	}
	if status, body := call("/api/admin", token); status != 200 {
		t.Errorf("after reload /api/admin: %d %s", status, body)
	}
	os.WriteFile(path, []byte("routes: [oops"), 0o600)
	if err := g.Reload(); err == nil {
		t.Error("a broken file reloaded")
	}
	if status, _ := call("/api/admin", token); status != 200 {
		t.Errorf("after a failed reload /api/admin: %d", status)
	}
	if metrics := get(t, http.DefaultClient, g.AdminURL+"/metrics"); !strings.Contains(metrics, `gatehouse_gateway_requests_total{code="403",route="GET /api/admin"} 1`) ||
		!strings.Contains(metrics, `gatehouse_gateway_config_reloads_total{result="error"} 1`) {
		t.Errorf("metrics:\n%s", metrics)
	}
}

func clientCredentials(t *testing.T, c *http.Client, issuer string) string {
	t.Helper()
	resp, err := c.PostForm(issuer+"oauth/token", url.Values{"grant_type": {"client_credentials"},
		"client_id": {workerID}, "client_secret": {workerSecret}, "audience": {"https://api.test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("client credentials: %d %v", resp.StatusCode, err)
	}
	return tok.AccessToken
}
