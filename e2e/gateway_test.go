package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The examples' machine clients (examples/tenant.yaml).
const (
	fruitClientID       = "exampleFruitDemo0000000000000001"
	fruitClientSecret   = "example-fruit-secret-0000000000000000000000000000000000000000000"
	fastapiClientID     = "exampleFastAPIDemo00000000000001"
	fastapiClientSecret = "example-fastapi-secret-00000000000000000000000000000000000000000"
)

// examples is the README's quickstart, run for real: `gatehouse dev`,
// `gatehouse apply examples/tenant.yaml`, the two example APIs behind
// `gatehouse gateway --config examples/gateway.yaml`.
type examples struct {
	issuer, gateway, metrics string
	http                     *http.Client // trusts the dev server's CA
	gw                       *helperProc
	gwConfig                 string
	bin                      string
	caFile                   string
}

func startExamples(t *testing.T) *examples {
	t.Helper()
	bin, fruit, pp := buildBinaries(t)
	trackExampleSources()
	work := t.TempDir()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	_, m := startHelper(t, bin, regexp.MustCompile(`"msg":"gatehouse ready","issuer":"([^"]+)".*"ca_file":"([^"]+)"`), nil,
		"dev", "--data", filepath.Join(work, ".gatehouse"), "--listen", fmt.Sprintf("127.0.0.1:%d", port))
	e := &examples{issuer: m[1], caFile: m[2], bin: bin}
	if e.http, err = trustingClient(e.caFile); err != nil {
		t.Fatal(err)
	}
	if out, err := runBinary(bin, "apply", "--data", filepath.Join(work, ".gatehouse"), "../examples/tenant.yaml"); err != nil {
		t.Fatalf("gatehouse apply examples/tenant.yaml: %v\n%s", err, out)
	}
	listening := regexp.MustCompile(`listening on (http://\S+)`)
	_, f := startHelper(t, fruit, listening, nil, "--behind-gateway", "--listen", "127.0.0.1:0")
	_, p := startHelper(t, pp, listening, nil, "--behind-gateway", "--listen", "127.0.0.1:0")
	e.gwConfig = filepath.Join(work, "gateway.yaml")
	e.writeGatewayConfig(t, f[1], p[1], nil)
	e.gw, m = startHelper(t, bin, regexp.MustCompile(`Base API URL -> (\S+)`), nil, "gateway", "--config", e.gwConfig)
	e.gateway = m[1]
	e.metrics = e.gw.waitFor(t, regexp.MustCompile(`Metrics -> (\S+)`))[1]
	return e
}

// writeGatewayConfig writes examples/gateway.yaml as is, but for the
// addresses chosen at run time, after edit (if any) changes the text.
func (e *examples) writeGatewayConfig(t *testing.T, fruitURL, ppURL string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile("../examples/gateway.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.NewReplacer("https://localhost:8443/", e.issuer, ".gatehouse/tls/ca.pem", e.caFile,
		"http://127.0.0.1:5000", fruitURL, "http://127.0.0.1:8000", ppURL,
		"listen: 127.0.0.1:8080", "listen: 127.0.0.1:0", "admin_listen: 127.0.0.1:9090", "admin_listen: 127.0.0.1:0",
	).Replace(string(b))
	if edit != nil {
		text = edit(text)
	}
	if err := os.WriteFile(e.gwConfig, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// token gets a client-credentials token from the dev server.
func (e *examples) token(t *testing.T, id, secret, audience, scope string) string {
	t.Helper()
	resp, err := e.http.PostForm(e.issuer+"oauth/token", url.Values{"grant_type": {"client_credentials"},
		"client_id": {id}, "client_secret": {secret}, "audience": {audience}, "scope": {scope}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tr tokenResponse
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || json.Unmarshal(body, &tr) != nil || tr.AccessToken == "" {
		t.Fatalf("token for %s scope %q: %d %s", audience, scope, resp.StatusCode, body)
	}
	return tr.AccessToken
}

// call sends a request to the gateway and returns the status and body.
func (e *examples) call(t *testing.T, method, path, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, e.gateway+path, strings.NewReader(body))
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

// trackExampleSources lets go test's cache see the examples, which run in
// other processes.
func trackExampleSources() {
	for _, pattern := range []string{"../examples/*.yaml", "../examples/*/*.go", "../examples/internal/*/*.go"} {
		m, _ := filepath.Glob(pattern)
		for _, f := range m {
			if fh, err := os.Open(f); err == nil {
				fh.Close()
			}
		}
	}
}

func runBinary(bin string, args ...string) (string, error) {
	out, err := exec.Command(bin, args...).CombinedOutput()
	return string(out), err
}

// fruitThroughGateway is seed 002's rule table as the gateway and the
// fruit API together apply it.
var fruitThroughGateway = []struct {
	scope                                            string
	getAll, getUsual, getExotic, addUsual, addExotic int
}{
	{"read:usual-fruit", 200, 200, 403, 403, 403},
	{"read:exotic-fruit", 200, 200, 200, 403, 403},
	{"write:usual-fruit", 403, 403, 403, 201, 403},
	{"write:exotic-fruit", 403, 403, 403, 201, 201},
}

// TestGatewayInFrontOfExamples runs the examples' quickstart with real
// processes and tokens from a running gatehouse.
func TestGatewayInFrontOfExamples(t *testing.T) {
	need(t)
	e := startExamples(t)
	for _, r := range fruitThroughGateway {
		tok := e.token(t, fruitClientID, fruitClientSecret, "api/fruit", r.scope)
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
			if status, body := e.call(t, q.method, q.path, tok, q.body); status != q.want {
				t.Errorf("scope %s: %s %s = %d %s, want %d", r.scope, q.method, q.path, status, body, q.want)
			}
		}
	}
	if status, body := e.call(t, "GET", "/api/fruit", e.token(t, fruitClientID, fruitClientSecret, "api/fruit", "read:exotic-fruit"), ""); status != 200 || !strings.Contains(body, `"exotic":[`) {
		t.Errorf("read:exotic-fruit lists the exotic fruit: %d %s", status, body)
	}
	fast := e.token(t, fastapiClientID, fastapiClientSecret, "https://fastapiexample.com", "")
	fruitTok := e.token(t, fruitClientID, fruitClientSecret, "api/fruit", "read:usual-fruit")
	for _, c := range []struct {
		path, token string
		status      int
		body        string
	}{
		{"/api/public", "", 200, "Hello from a public endpoint!"},
		{"/api/private", "", 401, "bearer token required"},
		{"/api/private", fruitTok, 401, "invalid_token"}, // another API's token
		{"/api/private", fast, 200, `"sub":"` + fastapiClientID + `@clients"`},
		{"/api/private-scoped", fast, 200, `"read:messages"`},
		{"/api/fruit", fast, 401, "wrong audience"},
		{"/nowhere", fast, 404, "not_found"},
	} {
		if status, body := e.call(t, "GET", c.path, c.token, ""); status != c.status || !strings.Contains(body, c.body) {
			t.Errorf("GET %s: %d %s, want %d with %s", c.path, status, body, c.status, c.body)
		}
	}
	want := `gatehouse_gateway_requests_total{code="403",route="GET /api/fruit/exotic"} 3`
	if m := eventually(t, e.metrics, want); !strings.Contains(m, want) {
		t.Errorf("metrics lack the 403s of GET /api/fruit/exotic:\n%s", linesWith(m, "gatehouse_gateway_requests_total"))
	}
}

// TestGatewayReloadsOnSIGHUP changes a route's scopes in the file and
// sends SIGHUP; then sends a broken file, which must leave the routes be.
func TestGatewayReloadsOnSIGHUP(t *testing.T) {
	need(t)
	e := startExamples(t)
	tok := e.token(t, fruitClientID, fruitClientSecret, "api/fruit", "write:usual-fruit")
	if status, body := e.call(t, "POST", "/api/fruit/usual", tok, `{"name":"kiwi"}`); status != 201 {
		t.Fatalf("before reload: %d %s", status, body)
	}
	fruitURL := regexp.MustCompile(`GET   /api/fruit +-> (\S+)`).FindStringSubmatch(e.gw.output())[1]
	ppURL := regexp.MustCompile(`GET   /api/public +-> (\S+)`).FindStringSubmatch(e.gw.output())[1]
	e.writeGatewayConfig(t, fruitURL, ppURL, func(s string) string {
		return strings.Replace(s, "any_scopes: [write:usual-fruit, write:exotic-fruit]", "scopes: [write:exotic-fruit]", 1)
	})
	e.gw.signal(syscall.SIGHUP)
	e.gw.waitFor(t, regexp.MustCompile(`"msg":"gateway reloaded"`))
	if status, body := e.call(t, "POST", "/api/fruit/usual", tok, `{"name":"kiwi"}`); status != 403 {
		t.Fatalf("after reload: %d %s, want 403", status, body)
	}
	os.WriteFile(e.gwConfig, []byte("routes: [{path: /x, upstream: 'http://h', publik: true}]\n"), 0o600)
	e.gw.signal(syscall.SIGHUP)
	e.gw.waitFor(t, regexp.MustCompile(`gateway reload failed.*unknown key \\"publik\\"`))
	if status, _ := e.call(t, "GET", "/api/public", "", ""); status != 200 {
		t.Fatalf("after a failed reload: %d, want the running routes", status)
	}
}

func fetchText(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// eventually fetches u until it holds want, for up to 2 s: a request is
// counted just after its response is written, so a scrape right after the
// last response may not see it yet.
func eventually(t *testing.T, u, want string) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		m := fetchText(t, u)
		if strings.Contains(m, want) || time.Now().After(deadline) {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func linesWith(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
