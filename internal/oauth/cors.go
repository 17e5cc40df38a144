package oauth

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// ClientLister lists the clients whose settings make up the CORS policy.
type ClientLister interface {
	ListClients(ctx context.Context) ([]idp.Client, error)
}

// Origins is the CORS policy of the endpoints browsers call (§1.5): an
// origin is allowed when a client lists it in allowed_origins or
// web_origins, or has a callback URL on it. Wildcard subdomains
// ("https://*.example.com") match as in Auth0's settings. The set is
// rebuilt from the store at most once per TTL, so a change to a client
// takes effect within it.
type Origins struct {
	store ClientLister
	ttl   time.Duration
	now   func() time.Time
	log   *slog.Logger

	mu   sync.Mutex // serialises rebuilds; readers never take it
	snap atomic.Pointer[originSet]
}

// NewOrigins returns the policy of the clients in store, cached for ttl.
func NewOrigins(store ClientLister, ttl time.Duration, log *slog.Logger) *Origins {
	if log == nil {
		log = discard
	}
	return &Origins{store: store, ttl: ttl, now: time.Now, log: log}
}

// Allowed reports whether origin (an Origin header value) is allowed.
func (o *Origins) Allowed(ctx context.Context, origin string) bool {
	norm, ok := originOf(origin)
	return ok && o.current(ctx).match(norm)
}

// current returns a fresh set, rebuilding it once when stale. If the store
// fails, the stale set serves one more TTL.
func (o *Origins) current(ctx context.Context) *originSet {
	if s := o.snap.Load(); s != nil && o.now().Before(s.expires) {
		return s
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	s := o.snap.Load()
	if s != nil && o.now().Before(s.expires) {
		return s
	}
	next, err := o.build(ctx)
	if err != nil {
		o.log.Error("cors: listing clients", "error", err)
		next = &originSet{exact: map[string]bool{}}
		if s != nil {
			*next = *s
		}
	}
	next.expires = o.now().Add(o.ttl)
	o.snap.Store(next)
	return next
}

func (o *Origins) build(ctx context.Context) (*originSet, error) {
	clients, err := o.store.ListClients(ctx)
	if err != nil {
		return nil, err
	}
	s := &originSet{exact: map[string]bool{}}
	for _, c := range clients {
		for _, list := range [][]string{c.AllowedOrigins, c.WebOrigins, c.Callbacks} {
			for _, raw := range list {
				s.add(raw)
			}
		}
	}
	return s, nil
}

// Middleware answers CORS preflights and marks allowed actual requests.
// Disallowed origins get no CORS headers; the browser then blocks them.
// It must wrap the mux (or a sub-mux) rather than sit behind a method
// pattern such as "POST /oauth/token", or preflight OPTIONS never reach it.
// Vary: Origin is set on every request that has an Origin, allowed or not,
// so shared caches keep the two answers apart.
func (o *Origins) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Add("Vary", "Origin")
		allowed := o.Allowed(r.Context(), origin)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			preflight(w, origin, allowed)
			return
		}
		if allowed {
			w.Header().Set("Access-Control-Allow-Origin", origin)
		}
		next.ServeHTTP(w, r)
	})
}

func preflight(w http.ResponseWriter, origin string, allowed bool) {
	if !allowed {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte("Origin " + origin + " is not allowed."))
		return
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Auth0-Client")
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
}

// originSet holds allowed origins: exact ones, and wildcard ones as
// scheme + "://" and the host suffix after "*".
type originSet struct {
	exact     map[string]bool
	wildcards [][2]string
	expires   time.Time
}

func (s *originSet) add(raw string) {
	norm, ok := originOf(raw)
	if !ok {
		return
	}
	scheme, host, _ := strings.Cut(norm, "://")
	if rest, wild := strings.CutPrefix(host, "*."); wild {
		s.wildcards = append(s.wildcards, [2]string{scheme + "://", "." + rest})
		return
	}
	s.exact[norm] = true
}

func (s *originSet) match(origin string) bool {
	if s.exact[origin] {
		return true
	}
	for _, w := range s.wildcards {
		host, ok := strings.CutPrefix(origin, w[0])
		if ok && strings.HasSuffix(host, w[1]) && len(host) > len(w[1]) {
			return true
		}
	}
	return false
}

// originOf returns the scheme://host[:port] of a URL, lower-cased, without
// the scheme's default port; paths, queries and fragments are ignored (§1.5).
func originOf(raw string) (string, bool) {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(raw), "://")
	if !ok || scheme == "" {
		return "", false
	}
	host := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host = rest[:i]
	}
	if host == "" || strings.ContainsAny(host, "@ ") {
		return "", false
	}
	scheme, host = strings.ToLower(scheme), strings.ToLower(host)
	return scheme + "://" + strings.TrimSuffix(host, defaultPort(scheme)), true
}

func defaultPort(scheme string) string {
	switch scheme {
	case "https":
		return ":443"
	case "http":
		return ":80"
	}
	return "\x00" // matches no host
}
