package e2e

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const tenantFile = "testdata/tenant.yaml"

// testPassword satisfies the "good" policy: 8+ chars, 3 of 4 character classes.
const testPassword = "Correct-Horse-42-battery"

// tenantFixture is what the tests need from testdata/tenant.yaml.
type tenantFixture struct {
	M2M, Web   clientFixture
	API        string // audience with scopes read:messages, write:messages
	ReportsAPI string // RBAC API with the permissions dialect
	Connection string // the default directory
}

type clientFixture struct{ Name, ID, Secret string }

func loadTenant(path string) (tenantFixture, error) {
	var doc struct {
		Tenant struct {
			DefaultDirectory string `yaml:"default_directory"`
		} `yaml:"tenant"`
		Clients []struct {
			Name    string `yaml:"name"`
			AppType string `yaml:"app_type"`
			ID      string `yaml:"client_id"`
			Secret  string `yaml:"client_secret"`
		} `yaml:"clients"`
		APIs []struct {
			Identifier      string `yaml:"identifier"`
			EnforcePolicies bool   `yaml:"enforce_policies"`
		} `yaml:"resourceServers"`
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return tenantFixture{}, err
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return tenantFixture{}, fmt.Errorf("%s: %w", path, err)
	}
	f := tenantFixture{Connection: doc.Tenant.DefaultDirectory}
	for _, c := range doc.Clients {
		fix := clientFixture{c.Name, c.ID, c.Secret}
		if c.AppType == "non_interactive" {
			f.M2M = fix
		} else {
			f.Web = fix
		}
	}
	for _, a := range doc.APIs {
		if a.EnforcePolicies {
			f.ReportsAPI = a.Identifier
		} else {
			f.API = a.Identifier
		}
	}
	return f, nil
}

// clientEnv is the environment the Python and Node scripts read. The CA
// reaches each library only through its standard variable.
func (g *gatehouse) clientEnv() []string {
	return append(os.Environ(),
		"GATEHOUSE_DOMAIN="+g.Domain,
		"E2E_API_AUDIENCE="+g.Tenant.API,
		"E2E_REPORTS_AUDIENCE="+g.Tenant.ReportsAPI,
		"E2E_CONNECTION="+g.Tenant.Connection,
		"E2E_M2M_CLIENT_ID="+g.Tenant.M2M.ID,
		"E2E_M2M_CLIENT_SECRET="+g.Tenant.M2M.Secret,
		"E2E_WEB_CLIENT_ID="+g.Tenant.Web.ID,
		"E2E_WEB_CLIENT_SECRET="+g.Tenant.Web.Secret,
		"SSL_CERT_FILE="+g.CAFile,      // Python ssl, urllib (PyJWKClient), httpx
		"REQUESTS_CA_BUNDLE="+g.CAFile, // requests
		"NODE_EXTRA_CA_CERTS="+g.CAFile,
	)
}

// response is a finished HTTP exchange: status, headers and the whole body.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) String() string {
	return fmt.Sprintf("%d %s", r.Status, bytes.TrimSpace(r.Body))
}

// json decodes the body into v, failing the test on bad JSON.
func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("response is not JSON (%v): %s", err, r)
	}
}

func (g *gatehouse) do(t *testing.T, req *http.Request) response {
	t.Helper()
	resp, err := g.HTTP.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL.Path, err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

func (g *gatehouse) postForm(t *testing.T, path string, form url.Values) response {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "POST", g.Issuer+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return g.do(t, req)
}

func (g *gatehouse) postJSON(t *testing.T, path string, body any) response {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequestWithContext(t.Context(), "POST", g.Issuer+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return g.do(t, req)
}

func (g *gatehouse) get(t *testing.T, path, bearer string) response {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", g.Issuer+path, nil)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	return g.do(t, req)
}

// tokenResponse is the body of a successful /oauth/token call (contract §3.2).
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	IDToken      string `json:"id_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	Scope        string `json:"scope"`
}

// token posts a grant and requires a 200.
func (g *gatehouse) token(t *testing.T, form url.Values) tokenResponse {
	t.Helper()
	r := g.postForm(t, "oauth/token", form)
	if r.Status != http.StatusOK {
		t.Fatalf("POST /oauth/token grant_type=%s: want 200, got %s", form.Get("grant_type"), r)
	}
	var tr tokenResponse
	r.json(t, &tr)
	return tr
}

// signup creates a fresh user through /dbconnections/signup and returns its email.
func (g *gatehouse) signup(t *testing.T) string {
	t.Helper()
	email := uniqueEmail(t.Name())
	r := g.postJSON(t, "dbconnections/signup", map[string]string{
		"client_id": g.Tenant.Web.ID, "connection": g.Tenant.Connection,
		"email": email, "password": testPassword,
	})
	if r.Status != http.StatusOK {
		t.Fatalf("POST /dbconnections/signup: want 200, got %s", r)
	}
	return email
}

// passwordForm is a password grant by the web client.
func (g *gatehouse) passwordForm(email, password, audience, scope string) url.Values {
	return url.Values{
		"grant_type": {"password"}, "client_id": {g.Tenant.Web.ID},
		"client_secret": {g.Tenant.Web.Secret}, "username": {email},
		"password": {password}, "audience": {audience}, "scope": {scope},
	}
}

func uniqueEmail(name string) string {
	b := make([]byte, 4)
	rand.Read(b)
	local := strings.NewReplacer("/", "-", "_", "-").Replace(strings.ToLower(name))
	return fmt.Sprintf("%s-%s@e2e.example", local, hex.EncodeToString(b))
}

// jwtParts decodes a compact JWT's header and claims without verifying it;
// signatures are checked by go-oidc and the other clients.
func jwtParts(t *testing.T, token string) (header, claims map[string]any) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a compact JWS (%d parts): %.40q", len(parts), token)
	}
	return decodeSegment(t, parts[0]), decodeSegment(t, parts[1])
}

func decodeSegment(t *testing.T, seg string) map[string]any {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatalf("JWT segment is not base64url: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("JWT segment is not JSON: %v", err)
	}
	return m
}

// jsonEqual compares two values as JSON, so float64(86400) equals 86400.
func jsonEqual(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
