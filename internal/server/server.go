package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/dbconn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/keys"
	"github.com/gatehouse/gatehouse/internal/login"
	"github.com/gatehouse/gatehouse/internal/mail"
	"github.com/gatehouse/gatehouse/internal/oauth"
)

// Deps are what the identity server is built from.
type Deps struct {
	Issuer   string // https://host/, with the trailing slash
	Store    idp.Store
	HotReads *HotReads // the token endpoint's view of Store, shared with Users; nil: made here
	Keys     *keys.Manager
	Users    *authn.Service
	Secrets  *idp.SecretHasher
	Log      *slog.Logger
	Registry *prometheus.Registry // nil: no /metrics
	Mailbox  *mail.Mailbox        // non-nil (dev only): GET /dev/mailbox
	// ClientIP tells the end user's address (see ClientIP); nil: the peer's.
	ClientIP func(*http.Request) string
}

// New returns the identity server's handler with every route mounted.
func New(d Deps) http.Handler {
	var reg prometheus.Registerer // a nil *Registry must stay a nil interface
	if d.Registry != nil {
		reg = d.Registry
	}
	mux := http.NewServeMux()
	origins := oauth.NewOrigins(d.Store, 5*time.Second, d.Log)
	api := http.NewServeMux()
	(&oauth.Handler{
		Issuer: d.Issuer, Store: d.hotReads(), Keys: d.Keys, Users: d.Users,
		Secrets: d.Secrets, Now: time.Now, Log: d.Log, Metrics: oauth.NewMetrics(reg),
		ClientIP: d.ClientIP,
	}).Mount(api)
	(&dbconn.Handler{Store: d.Store, Users: d.Users, Log: d.Log, ClientIP: d.ClientIP}).Mount(api)
	mux.Handle("/", origins.Middleware(jsonFallback(api)))
	(&login.Handler{Store: d.Store, Users: d.Users, Log: d.Log, Mailbox: d.Mailbox,
		ClientIP: d.ClientIP}).Mount(mux)
	mux.HandleFunc("GET /healthz", healthz)
	mux.HandleFunc("GET /readyz", readyz(map[string]Checker{
		"database": d.Store.Ping,
		"keys":     func(context.Context) error { return d.Keys.Ready() },
	}))
	if d.Registry != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(d.Registry, promhttp.HandlerOpts{}))
	}
	return common(mux, d.Log, newMetrics(reg))
}

// hotReads returns the shared HotReads, or a new one when Users reads the
// store directly (tests).
func (d Deps) hotReads() *HotReads {
	if d.HotReads != nil {
		return d.HotReads
	}
	return NewHotReads(d.Store, time.Now)
}
