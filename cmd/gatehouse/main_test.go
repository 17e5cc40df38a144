package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testTenant = `
tenant:
  friendly_name: Test
  default_directory: Username-Password-Authentication
resourceServers:
  - name: API
    identifier: https://api.test
    scopes: [{value: read:things, description: Read}]
clients:
  - name: Worker
    app_type: non_interactive
    client_id: worker0000000000000000000000000
    client_secret: worker-secret-0000000000000000000000000000
    grant_types: [client_credentials]
clientGrants:
  - {client_id: Worker, audience: https://api.test, scope: [read:things]}
`

// startMain runs the real program on a free loopback port and returns it
// with an HTTPS client that trusts its local CA.
func startMain(t *testing.T) (*Main, *http.Client, string) {
	return startMainWith(t, func(*options) {})
}

// startMainWith is startMain with the options changed by tweak first.
func startMainWith(t *testing.T, tweak func(*options)) (*Main, *http.Client, string) {
	t.Helper()
	dir := t.TempDir()
	tenant := filepath.Join(dir, "tenant.yaml")
	os.WriteFile(tenant, []byte(testTenant), 0o600)
	m := &Main{opts: options{data: dir, listen: "127.0.0.1:0", tenant: tenant},
		log: newLogger(io.Discard)}
	tweak(&m.opts)
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	pem, err := os.ReadFile(m.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	return m, client, m.opts.issuer
}

func TestServeEndToEnd(t *testing.T) {
	_, client, issuer := startMain(t)
	var disc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	getJSON(t, client, issuer+".well-known/openid-configuration", &disc)
	if disc.Issuer != issuer || !strings.HasSuffix(disc.Issuer, "/") || disc.JWKSURI != issuer+".well-known/jwks.json" {
		t.Fatalf("issuer %q, want %q", disc.Issuer, issuer)
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"worker0000000000000000000000000"},
		"client_secret": {"worker-secret-0000000000000000000000000000"}, "audience": {"https://api.test"}}
	resp, err := client.PostForm(issuer+"oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"access_token"`) {
		t.Fatalf("token: %d %s", resp.StatusCode, body)
	}
	for path, want := range map[string]string{"readyz": `"ok"`, "metrics": "gatehouse_http_requests_total"} {
		if got := get(t, client, issuer+path); !strings.Contains(got, want) {
			t.Errorf("/%s: %q lacks %q", path, got, want)
		}
	}
}

func TestOversizedBody(t *testing.T) {
	_, client, issuer := startMain(t)
	big := bytes.Repeat([]byte("a"), 100<<10)
	resp, err := client.Post(issuer+"oauth/token", "application/x-www-form-urlencoded",
		bytes.NewReader(append([]byte("grant_type=client_credentials&x="), big...)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e map[string]string
	json.NewDecoder(resp.Body).Decode(&e)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || e["error"] == "" {
		t.Fatalf("got %d %v, want 413 with an OAuth error body", resp.StatusCode, e)
	}
}

func TestApplyIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	tenant := filepath.Join(dir, "tenant.yaml")
	os.WriteFile(tenant, []byte(testTenant), 0o600)
	args := []string{"apply", "--data", dir, tenant}
	var first, second bytes.Buffer
	if err := run(context.Background(), args, &first, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), args, &second, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(second.String(), "0 created, 0 updated") {
		t.Fatalf("second apply: %q (first: %q)", second.String(), first.String())
	}
}

func TestBadIssuerRefused(t *testing.T) {
	for _, issuer := range []string{"http://localhost/", "https://", "https://x/?q=1"} {
		o := options{issuer: issuer}
		if err := o.normalizeIssuer(); err == nil {
			t.Errorf("issuer %q accepted", issuer)
		}
	}
	o := options{issuer: "https://auth.example.com"}
	if err := o.normalizeIssuer(); err != nil || o.issuer != "https://auth.example.com/" {
		t.Fatalf("got %q, %v; want the trailing slash added", o.issuer, err)
	}
}

func TestServeHelpNamesEveryVariable(t *testing.T) {
	var out bytes.Buffer
	run(context.Background(), []string{"serve", "--help"}, io.Discard, &out)
	for _, v := range []string{"LISTEN", "ISSUER", "DATA", "TENANT", "DATABASE", "TLS_CERT", "TLS_KEY"} {
		if !strings.Contains(out.String(), "GATEHOUSE_"+v) {
			t.Errorf("serve --help does not mention GATEHOUSE_%s", v)
		}
	}
}

func get(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func getJSON(t *testing.T, c *http.Client, u string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(get(t, c, u)), v); err != nil {
		t.Fatal(err)
	}
}
