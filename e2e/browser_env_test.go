package e2e

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// browserTenantFile is the tenant of the second server, the one the
// browser tests sign in to; its callbacks name the app server's port.
const browserTenantFile = "testdata/browser-tenant.yaml"

// browserEnv is that second server and the app that uses it: a static
// server on http://localhost:APPPORT serving the test pages and the SDKs.
type browserEnv struct {
	srv     *gatehouse
	app     string // http://localhost:APPPORT, no trailing slash
	spa     clientFixture
	webApp  clientFixture
	api     string // audience with read:messages
	fruit   string // seed 002's API, api/fruit
	homeDir string // HOME of the browser: an NSS database trusting srv's CA
}

var (
	browserOnce sync.Once
	browserSrv  *browserEnv
	browserErr  error
)

// needBrowserServer returns the browser tests' server and app, starting
// them the first time. It needs no browser: plain-HTTP tests use it too.
func needBrowserServer(t *testing.T) *browserEnv {
	t.Helper()
	need(t)
	browserOnce.Do(func() { browserSrv, browserErr = startBrowserEnv() })
	if browserErr != nil {
		t.Fatalf("the browser tests' server did not start: %v", browserErr)
	}
	return browserSrv
}

func startBrowserEnv() (*browserEnv, error) {
	b, err := loadBrowserTenant(browserTenantFile)
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	b.app = fmt.Sprintf("http://localhost:%d", port)
	dir := filepath.Join(workDir, "browser")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	env := []string{fmt.Sprintf("E2E_APP_PORT=%d", port)}
	fixture := tenantFixture{Web: b.spa, API: b.api, Connection: browserConnection}
	b.srv, err = launchServer(serverBin, dir, browserTenantFile, fixture, env)
	if err != nil {
		l.Close()
		return nil, err
	}
	stopWhenDone(b.srv)
	go serveApp(l, b)
	return b, nil
}

// loadBrowserTenant reads what the tests need from the browser tenant.
func loadBrowserTenant(path string) (*browserEnv, error) {
	var doc struct {
		Clients []struct {
			Name    string `yaml:"name"`
			AppType string `yaml:"app_type"`
			ID      string `yaml:"client_id"`
			Secret  string `yaml:"client_secret"`
		} `yaml:"clients"`
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b := &browserEnv{api: "https://api.browser.e2e.test", fruit: "api/fruit"}
	for _, c := range doc.Clients {
		if c.AppType == "spa" {
			b.spa = clientFixture{c.Name, c.ID, c.Secret}
		} else {
			b.webApp = clientFixture{c.Name, c.ID, c.Secret}
		}
	}
	if b.spa.ID == "" || b.webApp.ID == "" {
		return nil, fmt.Errorf("%s: want one spa and one regular_web client", path)
	}
	return b, nil
}

// connection is the browser tenant's database, where test users sign up.
const browserConnection = "Username-Password-Authentication"
