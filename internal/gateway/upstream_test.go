package gateway_test

import (
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestUpstreamFailures(t *testing.T) {
	dead, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadURL := "http://" + dead.Addr().String()
	dead.Close() // nothing listens there now
	r := newRig(t, `
authorizers: [{name: main, issuer_url: ISSUER, audience: https://api.example.com/}]
default_authorizer: main
upstream_timeout: 5s
routes:
  - {path: /down, upstream: `+deadURL+`, public: true}
  - {path: /slow, upstream: UPSTREAM, public: true, timeout: 100ms}
  - {path: /ok, upstream: UPSTREAM, public: true}
`)
	if got := r.do("GET", "/down", ""); got.status != http.StatusBadGateway || got.errorCode() != "bad_gateway" {
		t.Errorf("upstream refusing connections: got %s, want 502 bad_gateway", got)
	}
	r.up.setDelay(2 * time.Second)
	start := time.Now()
	if got := r.do("GET", "/slow", ""); got.status != http.StatusGatewayTimeout || got.errorCode() != "upstream_timeout" {
		t.Errorf("slow upstream: got %s, want 504 upstream_timeout", got)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("504 came after %v, want about the route's 100ms timeout", d)
	}
	if !strings.Contains(r.logs.String(), `"msg":"upstream failed"`) {
		t.Errorf("no upstream error logged:\n%s", r.logs)
	}
}

func TestAccessLogAndMetrics(t *testing.T) {
	r := newRig(t, testConfig)
	tok := r.issuer.Token().Subject("alice").Scope("read:a").MustSign()
	r.do("GET", "/api/private?secret=x", tok)
	r.do("GET", "/api/private", "")
	r.do("POST", "/items/7", tok)
	r.do("GET", "/nope", "")
	for route, code := range map[string]string{"GET /api/private": "200", "items": "200", "(unmatched)": "404"} {
		c, err := r.gwCounter(route, code)
		if err != nil || c != 1 {
			t.Errorf("requests_total{route=%q,code=%s} = %v (%v), want 1", route, code, c, err)
		}
	}
	if c, _ := r.gwCounter("GET /api/private", "401"); c != 1 {
		t.Errorf("401s counted %v, want 1", c)
	}
	logs := r.logs.String()
	for _, want := range []string{`"route":"GET /api/private"`, `"status":401`, `"sub":"alice"`,
		`"path":"/api/private"`, `"route":"(unmatched)"`, `"duration_ms":`} {
		if !strings.Contains(logs, want) {
			t.Errorf("access log lacks %s:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, "secret=x") || strings.Contains(logs, tok) {
		t.Errorf("access log holds the query or the token:\n%s", logs)
	}
}

// gwCounter reads gatehouse_gateway_requests_total for one label pair.
func (r *rig) gwCounter(route, code string) (float64, error) {
	families, err := r.reg.Gather()
	if err != nil {
		return 0, err
	}
	for _, f := range families {
		if f.GetName() != "gatehouse_gateway_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["route"] == route && labels["code"] == code {
				return m.GetCounter().GetValue(), nil
			}
		}
	}
	return 0, nil
}
