package gateway

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Options are the Gateway's dependencies; the zero value works.
type Options struct {
	// Log receives one JSON access-log line per request, and errors;
	// default: discarded.
	Log *slog.Logger
	// Registry, when set, receives the per-route metrics.
	Registry prometheus.Registerer
	// Transport carries requests upstream; default a clone of
	// http.DefaultTransport with more idle connections per host and no
	// HTTP_PROXY: upstreams are reached directly.
	Transport http.RoundTripper
	// Now is the clock of token validation; default time.Now.
	Now func() time.Time
}

// Gateway is the running route table. It is an http.Handler; Reload swaps
// in a new table atomically, so requests in flight finish on the table
// they started on and no request is dropped.
type Gateway struct {
	ctx       context.Context
	log       *slog.Logger
	transport http.RoundTripper
	now       func() time.Time
	metrics   *metrics

	current atomic.Pointer[table]

	mu     sync.Mutex // serialises Reload; guards caches
	caches caches     // those of the current table
}

// New builds a Gateway serving cfg. ctx bounds the background fetches of
// the issuers' keys: cancel it at shutdown.
func New(ctx context.Context, cfg *Config, o Options) (*Gateway, error) {
	g := &Gateway{ctx: ctx, log: o.Log, transport: o.Transport, now: o.Now, caches: newCaches()}
	if g.log == nil {
		g.log = slog.New(slog.DiscardHandler)
	}
	if g.transport == nil {
		g.transport = defaultTransport()
	}
	if g.now == nil {
		g.now = time.Now
	}
	m, err := newMetrics(o.Registry)
	if err != nil {
		return nil, err
	}
	g.metrics = m
	return g, g.Reload(cfg)
}

// Reload builds a table from cfg and swaps it in. On error the current
// table stays. Issuer key sets and validators whose settings did not
// change are reused, so a reload neither refetches keys nor forgets
// verified tokens.
func (g *Gateway) Reload(cfg *Config) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	t, next, err := g.build(cfg)
	if err != nil {
		g.metrics.reloads.WithLabelValues("error").Inc()
		return err
	}
	g.current.Store(t)
	g.caches = next
	g.metrics.reloads.WithLabelValues("ok").Inc()
	return nil
}

// Config returns the configuration being served.
func (g *Gateway) Config() *Config { return g.current.Load().cfg }

// ServeHTTP serves r with the current table.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.current.Load().ServeHTTP(w, r)
}

func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.MaxIdleConns = 1024
	t.MaxIdleConnsPerHost = 256
	return t
}
