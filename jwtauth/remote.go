package jwtauth

import (
	"context"
	"crypto"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// fetchTimeout bounds one discovery-plus-JWKS fetch.
const fetchTimeout = 10 * time.Second

// RemoteKeySet is a KeySet backed by the issuer's JWKS. It caches the keys,
// makes concurrent callers share one fetch, refetches on an unknown kid at
// most once per RefetchInterval (so random kids cannot make it hammer the
// issuer), and keeps the last good keys while the issuer is unreachable.
type RemoteKeySet struct {
	issuer   string
	jwksURL  string // set by discovery, only inside serialised fetches
	insecure bool
	client   *http.Client
	now      func() time.Time
	interval time.Duration
	base     context.Context

	state atomic.Pointer[keyState]

	mu       sync.Mutex
	last     time.Time // start of the last fetch, for the rate limit
	lastErr  error
	inflight *fetchCall
}

// keyState is one successfully fetched key set.
type keyState struct {
	index      *keyIndex
	freshUntil time.Time
}

// fetchCall is a fetch in progress that callers wait on.
type fetchCall struct {
	done chan struct{}
	err  error
}

// NewRemoteKeySet returns a key set for c.Issuer, fetched from c.JWKSURL or
// found by discovery. It uses c's HTTPClient, Now, RefetchInterval and
// InsecureAllowHTTP and ignores the rest. Fetches run in the background
// under ctx (it must outlive the key set; cancel it at shutdown), so a
// caller that gives up does not abort a fetch others wait on. No request is
// made until a key is first needed.
func NewRemoteKeySet(ctx context.Context, c Config) (*RemoteKeySet, error) {
	if err := checkIssuer(c.Issuer, c.InsecureAllowHTTP); err != nil {
		return nil, err
	}
	if c.JWKSURL != "" {
		if err := checkURL("JWKSURL", c.JWKSURL, issuerIsHTTPS(c.Issuer), c.InsecureAllowHTTP); err != nil {
			return nil, err
		}
	}
	s := settings{now: c.Now, interval: c.RefetchInterval}
	if err := s.applyDefaults(); err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	return &RemoteKeySet{issuer: c.Issuer, jwksURL: c.JWKSURL, insecure: c.InsecureAllowHTTP,
		client: httpClient(c.HTTPClient), now: s.now, interval: s.interval, base: ctx}, nil
}

func issuerIsHTTPS(issuer string) bool { return strings.HasPrefix(issuer, "https://") }

func httpClient(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: fetchTimeout, CheckRedirect: noDowngrade}
}

// noDowngrade stops a redirect from https to http, which would let the
// keys be swapped in transit.
func noDowngrade(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("too many redirects")
	}
	if via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
		return errors.New("redirect from https to " + req.URL.Scheme + " refused")
	}
	return nil
}

// Key implements KeySet. It answers from fresh cached keys when it can,
// and otherwise after one (shared, rate-limited) refresh. Stale keys still
// serve if it fails.
func (r *RemoteKeySet) Key(ctx context.Context, kid, alg string) (crypto.PublicKey, error) {
	now := r.now()
	if st := r.state.Load(); st != nil && now.Before(st.freshUntil) {
		if k, err := st.index.lookup(kid, alg); err != errUnknownKey {
			return k, err
		}
	}
	ferr := r.refresh(ctx, now)
	st := r.state.Load()
	if st == nil {
		return nil, unavailable(ferr)
	}
	k, err := st.index.lookup(kid, alg)
	if err == errUnknownKey {
		return nil, invalid("unknown key id")
	}
	return k, err
}

// refresh joins the fetch in flight, or starts one unless the last began
// less than interval ago. It returns the outcome of the fetch it saw.
func (r *RemoteKeySet) refresh(ctx context.Context, now time.Time) error {
	r.mu.Lock()
	c := r.inflight
	if c == nil {
		if !r.last.IsZero() && now.Sub(r.last) < r.interval {
			err := r.lastErr
			r.mu.Unlock()
			return rateLimited(err)
		}
		c = &fetchCall{done: make(chan struct{})}
		r.inflight, r.last = c, now
		go r.run(c)
	}
	r.mu.Unlock()
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func rateLimited(last error) error {
	if last != nil {
		return last
	}
	return errors.New("key set refetch rate-limited")
}

// run performs one fetch detached from any caller's context.
func (r *RemoteKeySet) run(c *fetchCall) {
	ctx, cancel := context.WithTimeout(r.base, fetchTimeout)
	defer cancel()
	st, err := r.fetch(ctx)
	if err == nil {
		r.state.Store(st)
	}
	r.mu.Lock()
	r.inflight, r.lastErr = nil, err
	r.mu.Unlock()
	c.err = err
	close(c.done)
}
