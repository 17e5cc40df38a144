package gateway_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/gateway"
)

const reloadBefore = `
authorizers: [{name: main, issuer_url: ISSUER, audience: https://api.example.com/}]
default_authorizer: main
routes:
  - {path: /slow, upstream: UPSTREAM, public: true}
  - {path: /a, upstream: UPSTREAM}
`

const reloadAfter = `
authorizers: [{name: main, issuer_url: ISSUER, audience: https://api.example.com/}]
default_authorizer: main
routes:
  - {path: /a, upstream: UPSTREAM, scopes: [read:a]}
  - {path: /b, upstream: UPSTREAM}
`

// TestReloadKeepsRequestsInFlight: a request that started on the old
// table finishes on it while new requests see the new one.
func TestReloadKeepsRequestsInFlight(t *testing.T) {
	r := newRig(t, reloadBefore)
	tok := r.token("read:a")
	r.do("GET", "/a", tok)
	r.up.setDelay(300 * time.Millisecond)
	var wg sync.WaitGroup
	var slow reply
	wg.Go(func() { slow = r.do("GET", "/slow", "") })
	time.Sleep(100 * time.Millisecond) // the request is at the upstream
	if err := r.gw.Reload(r.parse(reloadAfter)); err != nil {
		t.Fatal(err)
	}
	r.up.setDelay(0)
	if got := r.do("GET", "/slow", ""); got.status != http.StatusNotFound {
		t.Errorf("after reload /slow: %s, want 404", got)
	}
	if got := r.do("GET", "/b", tok); got.status != http.StatusOK {
		t.Errorf("after reload /b: %s, want 200", got)
	}
	if got := r.do("GET", "/a", r.token()); got.status != http.StatusForbidden {
		t.Errorf("after reload /a without read:a: %s, want 403", got)
	}
	wg.Wait()
	if slow.status != http.StatusOK {
		t.Errorf("request in flight during the reload: %s, want 200", slow)
	}
	if n := r.issuer.JWKSFetches(); n != 1 {
		t.Errorf("the reload refetched the JWKS (%d fetches), want the key set reused", n)
	}
}

func TestBadReloadKeepsTheOldTable(t *testing.T) {
	r := newRig(t, reloadBefore)
	bad := r.parse(strings.Replace(reloadAfter, "audience: https://api.example.com/}",
		"audience: https://api.example.com/, ca_file: /nonexistent/ca.pem}", 1))
	err := r.gw.Reload(bad)
	if err == nil || !strings.Contains(err.Error(), "gateway.yaml:2: authorizers[0]: ca_file") {
		t.Fatalf("Reload = %v, want the ca_file error with its line", err)
	}
	if got := r.do("GET", "/slow", ""); got.status != http.StatusOK {
		t.Errorf("after a failed reload /slow: %s, want the old table's 200", got)
	}
	if got, _ := r.counter("gatehouse_gateway_config_reloads_total", "result", "error"); got != 1 {
		t.Errorf("failed reloads counted %v, want 1", got)
	}
}

// counter reads a counter with one label pair from the rig's registry.
func (r *rig) counter(name, label, value string) (float64, error) {
	families, err := r.reg.Gather()
	if err != nil {
		return 0, err
	}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if f.GetName() == name && l.GetName() == label && l.GetValue() == value {
					return m.GetCounter().GetValue(), nil
				}
			}
		}
	}
	return 0, nil
}

func TestReloadFile(t *testing.T) {
	r := newRig(t, reloadBefore)
	path := filepath.Join(t.TempDir(), "gateway.yaml")
	write := func(s string) {
		s = strings.NewReplacer("ISSUER", r.issuer.Issuer(), "UPSTREAM", r.up.URL).Replace(s)
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(reloadAfter + "listen: 127.0.0.1:1\n")
	if err := r.gw.ReloadFile(path); err != nil {
		t.Fatal(err)
	}
	if got := r.do("GET", "/b", r.token()); got.status != http.StatusOK {
		t.Errorf("after ReloadFile /b: %s", got)
	}
	if r.gw.Config().Listen != gateway.DefaultListen || !strings.Contains(r.logs.String(), "only on restart") {
		t.Errorf("listen changed by a reload to %q, or no warning logged", r.gw.Config().Listen)
	}
	write("routes: [{path: /c, upstream: UPSTREAM, public: true, bogus: 1}]\n")
	if err := r.gw.ReloadFile(path); err == nil || !strings.Contains(err.Error(), `gateway.yaml:1: unknown key "bogus"`) {
		t.Fatalf("bad file: %v", err)
	}
	if got := r.do("GET", "/b", r.token()); got.status != http.StatusOK {
		t.Errorf("after a bad file /b: %s, want the running table", got)
	}
}
