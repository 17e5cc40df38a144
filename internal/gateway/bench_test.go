package gateway_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/internal/gateway"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// BenchmarkGatewayVsPlainProxy measures, in one run, requests through a
// gateway route with an authorizer and scope check (a repeat token, as
// API clients send) against a bare httputil.ReverseProxy to the same
// upstream. Each goroutine alternates between the two over the same
// client transport, and both proxies share one upstream transport, so
// both see the same connections, CPU and noise. ratio is the gateway's
// requests/s over the plain proxy's (target ≥ 0.9).
func BenchmarkGatewayVsPlainProxy(b *testing.B) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"fruit":["apple","banana","cherry"]}`)
	}))
	defer up.Close()
	upstream := http.DefaultTransport.(*http.Transport).Clone()
	upstream.MaxIdleConnsPerHost = 256
	plain := httptest.NewServer(plainProxy(up.URL, upstream))
	defer plain.Close()
	gw, token := benchGateway(b, up.URL, upstream)
	srv := httptest.NewServer(gw)
	defer srv.Close()

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	var plainNs, gwNs, n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			plainNs.Add(int64(timed(b, client, plain.URL+"/api/fruit", token)))
			gwNs.Add(int64(timed(b, client, srv.URL+"/api/fruit", token)))
			n.Add(1)
		}
	})
	b.StopTimer()
	p := float64(b.N) / (float64(plainNs.Load()) / 1e9)
	g := float64(b.N) / (float64(gwNs.Load()) / 1e9)
	b.ReportMetric(p, "plain-req/s/conn")
	b.ReportMetric(g, "gateway-req/s/conn")
	b.ReportMetric(g/p, "ratio")
}

func plainProxy(target string, t http.RoundTripper) http.Handler {
	u, _ := url.Parse(target)
	return &httputil.ReverseProxy{Transport: t, Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(u)
		pr.SetXForwarded()
	}}
}

// benchGateway is a gateway with one authorized route, metrics in a
// registry and a JSON access log written to io.Discard, as in production
// but for the destination; it returns a token already verified once.
func benchGateway(b *testing.B, upstream string, t http.RoundTripper) (*gateway.Gateway, string) {
	issuer := jwtauthtest.NewServer()
	b.Cleanup(issuer.Close)
	cfg, err := gateway.Parse("bench.yaml", []byte(`
authorizers: [{name: main, issuer_url: "`+issuer.Issuer()+`", audience: "`+jwtauthtest.DefaultAudience+`"}]
default_authorizer: main
routes:
  - {method: GET, path: /api/fruit, upstream: "`+upstream+`", any_scopes: [read:usual-fruit, read:exotic-fruit]}
`))
	if err != nil {
		b.Fatal(err)
	}
	gw, err := gateway.New(b.Context(), cfg, gateway.Options{Transport: t,
		Registry: prometheus.NewRegistry(), Log: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	token := issuer.Token().Scope("read:usual-fruit").MustSign()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/fruit", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	gw.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("warm-up request: %d %s", rec.Code, rec.Body)
	}
	return gw, token
}

// timed makes one request and returns how long it took, body read.
func timed(b *testing.B, c *http.Client, url, token string) time.Duration {
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		b.Error(err)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if resp.StatusCode != http.StatusOK {
		b.Errorf("%s: %s", url, resp.Status)
	}
	return d
}

// BenchmarkHandlerOverhead isolates what the gateway adds per request:
// both handlers are called in process and reach an upstream that answers
// at once without a network, and the plain proxy gets a buffer pool like
// the gateway's, so the difference in ns/op is the gateway's own work
// (claim-header stripping, route match, token from the cache, scope
// check, rewrite, timeout, metrics, access log).
func BenchmarkHandlerOverhead(b *testing.B) {
	up := instant{}
	gw, token := benchGateway(b, "http://upstream.test", up)
	plain := plainProxy("http://upstream.test", up).(*httputil.ReverseProxy)
	plain.BufferPool = &pool{p: sync.Pool{New: func() any { return make([]byte, 32<<10) }}}
	for name, h := range map[string]http.Handler{"plain": plain, "gateway": gw} {
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/api/fruit", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req.Clone(req.Context()))
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}

// instant is an upstream that answers every request at once.
type instant struct{}

func (instant) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/json"}}, Request: r,
		Body: io.NopCloser(strings.NewReader(`{"fruit":["apple","banana","cherry"]}`))}, nil
}

// pool is a BufferPool for the plain proxy.
type pool struct{ p sync.Pool }

func (p *pool) Get() []byte  { return p.p.Get().([]byte) }
func (p *pool) Put(b []byte) { p.p.Put(b) }
