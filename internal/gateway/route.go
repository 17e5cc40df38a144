package gateway

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gatehouse/gatehouse/jwtauth"
)

// route is one Route made ready to serve.
type route struct {
	name     string
	upstream *url.URL
	strip    string
	pass     bool
	timeout  time.Duration
	proxy    *httputil.ReverseProxy
	log      *slog.Logger
}

// route returns the handler chain of r: tag the request with the route,
// check the token and the scopes, then proxy.
func (g *Gateway) route(r *Route, auths map[string]*jwtauth.Validator, def string) http.Handler {
	rt := &route{name: r.Name, upstream: mustURL(r.Upstream), strip: r.StripPrefix,
		pass: r.PassToken, timeout: r.Timeout, log: g.log}
	rt.proxy = &httputil.ReverseProxy{Rewrite: rt.rewrite, Transport: g.transport,
		ErrorHandler: rt.proxyError, BufferPool: buffers,
		ErrorLog: slog.NewLogLogger(g.log.Handler(), slog.LevelWarn)}
	var h http.Handler = rt
	if !r.Public {
		h = authorize(h, r)
		name := r.Authorizer
		if name == "" {
			name = def
		}
		h = jwtauth.Middleware(auths[name])(h)
	}
	return tagged{rt: rt, next: h}
}

// authorize wraps h in the route's scope and permission checks.
func authorize(h http.Handler, r *Route) http.Handler {
	if len(r.Permissions) > 0 {
		h = jwtauth.RequirePermissions(r.Permissions...)(h)
	}
	if len(r.AnyScopes) > 0 {
		h = jwtauth.RequireAnyScope(r.AnyScopes...)(h)
	}
	if len(r.Scopes) > 0 {
		h = jwtauth.RequireScopes(r.Scopes...)(h)
	}
	return h
}

// tagged tells the table's recorder which route served the request.
type tagged struct {
	rt   *route
	next http.Handler
}

func (t tagged) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if rec, ok := w.(*recorder); ok {
		rec.route = t.rt.name
	}
	t.next.ServeHTTP(w, r)
}

// ServeHTTP proxies r within the route's timeout.
func (rt *route) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if c, ok := jwtauth.ClaimsFrom(r.Context()); ok {
		if rec, ok := w.(*recorder); ok {
			rec.subject = c.Subject
		}
	}
	ctx, cancel := context.WithTimeout(r.Context(), rt.timeout)
	defer cancel()
	rt.proxy.ServeHTTP(w, r.WithContext(ctx))
}

// rewrite builds the upstream request. ReverseProxy has already removed
// hop-by-hop and X-Forwarded-* headers from pr.Out; the table removed the
// X-Auth-* ones, so what the upstream sees of them is what is set here.
func (rt *route) rewrite(pr *httputil.ProxyRequest) {
	if rt.strip != "" {
		stripPrefix(pr.Out.URL, rt.strip)
	}
	pr.SetURL(rt.upstream)
	pr.SetXForwarded()
	if !rt.pass {
		pr.Out.Header.Del("Authorization")
	}
	if c, ok := jwtauth.ClaimsFrom(pr.In.Context()); ok {
		setClaimHeaders(pr.Out.Header, c)
	}
}

func stripPrefix(u *url.URL, prefix string) {
	u.Path = rooted(strings.TrimPrefix(u.Path, prefix))
	if u.RawPath != "" {
		raw, ok := strings.CutPrefix(u.RawPath, prefix)
		u.RawPath = rooted(raw)
		if !ok {
			u.RawPath = ""
		}
	}
}

func rooted(p string) string {
	if !strings.HasPrefix(p, "/") {
		return "/" + p
	}
	return p
}

// proxyError answers when no upstream response came: 504 when the
// route's timeout ran out, else 502.
func (rt *route) proxyError(w http.ResponseWriter, r *http.Request, err error) {
	timeout := errors.Is(err, context.DeadlineExceeded) || errors.Is(r.Context().Err(), context.DeadlineExceeded)
	if timeout {
		writeError(w, http.StatusGatewayTimeout, "upstream_timeout", "the upstream did not answer in time")
	} else {
		writeError(w, http.StatusBadGateway, "bad_gateway", "the upstream could not be reached")
	}
	if !errors.Is(r.Context().Err(), context.Canceled) {
		rt.log.LogAttrs(r.Context(), slog.LevelWarn, "upstream failed", slog.String("route", rt.name),
			slog.String("upstream", rt.upstream.Redacted()), slog.String("err", err.Error()))
	}
}

// buffers lends ReverseProxy its copy buffers.
var buffers = &bufferPool{pool: sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}}

type bufferPool struct{ pool sync.Pool }

func (p *bufferPool) Get() []byte  { return *p.pool.Get().(*[]byte) }
func (p *bufferPool) Put(b []byte) { p.pool.Put(&b) }
