package jwtauthtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth"
)

// Paths the Server answers, as Auth0 does (contract §2).
const (
	DiscoveryPath = "/.well-known/openid-configuration"
	JWKSPath      = "/.well-known/jwks.json"
)

// Server is an issuer stand-in: it serves a discovery document and a JWKS
// over httptest, counts the fetches, and signs tokens with its current key.
// Its issuer is the server URL with a trailing slash, like Auth0's.
type Server struct {
	*httptest.Server

	jwksFetches      atomic.Int64
	discoveryFetches atomic.Int64

	mu           sync.Mutex
	keys         []*Key // keys[0] signs
	failing      bool
	delay        time.Duration
	cacheControl string
	rawJWKS      []byte
	discovery    map[string]any // overrides, nil values delete
}

// NewServer starts a plain-HTTP Server on loopback publishing keys, or one
// new RSA key if none are given. Close it when done.
func NewServer(keys ...*Key) *Server {
	s := newServer(keys)
	s.Server = httptest.NewServer(s.handler())
	return s
}

// NewTLSServer is NewServer over HTTPS; use its Client() to fetch.
func NewTLSServer(keys ...*Key) *Server {
	s := newServer(keys)
	s.Server = httptest.NewTLSServer(s.handler())
	return s
}

func newServer(keys []*Key) *Server {
	if len(keys) == 0 {
		keys = []*Key{NewRSAKey("test-rsa-1")}
	}
	return &Server{keys: keys, cacheControl: "public, max-age=600"}
}

func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+DiscoveryPath, s.serveDiscovery)
	mux.HandleFunc("GET "+JWKSPath, s.serveJWKS)
	return mux
}

// Issuer returns the issuer identifier: the URL with a trailing slash.
func (s *Server) Issuer() string { return s.URL + "/" }

// JWKSURL returns the URL of the key set.
func (s *Server) JWKSURL() string { return s.URL + JWKSPath }

// Config returns a jwtauth.Config for this issuer and DefaultAudience,
// discovering the JWKS with the server's own HTTP client.
func (s *Server) Config() jwtauth.Config {
	return jwtauth.Config{Issuer: s.Issuer(), Audiences: []string{DefaultAudience},
		HTTPClient: s.Client()}
}

// Token starts a token from this issuer signed with its current key.
func (s *Server) Token() *Builder { return NewBuilder(s.Issuer(), s.Key()) }

// Key returns the current signing key.
func (s *Server) Key() *Key {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[0]
}

// SetKeys replaces the published keys; the first one signs from now on.
func (s *Server) SetKeys(keys ...*Key) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = keys
}

// Rotate publishes a new RSA key with kid as the signing key, keeping the
// previous ones published, as Auth0 does during rotation.
func (s *Server) Rotate(kid string) *Key {
	k := NewRSAKey(kid)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append([]*Key{k}, s.keys...)
	return k
}

// SetFailing makes both endpoints answer 500 (true) or work again (false).
func (s *Server) SetFailing(fail bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failing = fail
}

// SetDelay makes both endpoints wait d before answering, so that
// concurrent fetches would overlap.
func (s *Server) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// pause sleeps the configured delay, outside the lock.
func (s *Server) pause() {
	s.mu.Lock()
	d := s.delay
	s.mu.Unlock()
	time.Sleep(d)
}

// SetCacheControl sets the JWKS Cache-Control header ("" omits it).
func (s *Server) SetCacheControl(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cacheControl = v
}

// SetRawJWKS serves body as the JWKS instead of the keys; nil undoes it.
func (s *Server) SetRawJWKS(body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rawJWKS = body
}

// SetDiscovery overrides a field of the discovery document (issuer,
// jwks_uri, …); a nil value removes the field.
func (s *Server) SetDiscovery(field string, value any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.discovery == nil {
		s.discovery = map[string]any{}
	}
	s.discovery[field] = value
}

// JWKSFetches counts the requests for the JWKS.
func (s *Server) JWKSFetches() int { return int(s.jwksFetches.Load()) }

// DiscoveryFetches counts the requests for the discovery document.
func (s *Server) DiscoveryFetches() int { return int(s.discoveryFetches.Load()) }

func (s *Server) serveDiscovery(w http.ResponseWriter, _ *http.Request) {
	s.discoveryFetches.Add(1)
	s.pause()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failing {
		http.Error(w, "issuer down", http.StatusInternalServerError)
		return
	}
	doc := map[string]any{"issuer": s.Issuer(), "jwks_uri": s.JWKSURL(),
		"authorization_endpoint": s.URL + "/authorize", "token_endpoint": s.URL + "/oauth/token",
		"id_token_signing_alg_values_supported": []string{"RS256", "ES256"}}
	for k, v := range s.discovery {
		if v == nil {
			delete(doc, k)
		} else {
			doc[k] = v
		}
	}
	writeJSON(w, "", doc)
}

func (s *Server) serveJWKS(w http.ResponseWriter, _ *http.Request) {
	s.jwksFetches.Add(1)
	s.pause()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.failing:
		http.Error(w, "issuer down", http.StatusInternalServerError)
	case s.rawJWKS != nil:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(s.rawJWKS)
	default:
		set := jose.JSONWebKeySet{}
		for _, k := range s.keys {
			set.Keys = append(set.Keys, k.JWK())
		}
		writeJSON(w, s.cacheControl, set)
	}
}

func writeJSON(w http.ResponseWriter, cacheControl string, v any) {
	w.Header().Set("Content-Type", "application/json")
	if cacheControl != "" {
		w.Header().Set("Cache-Control", cacheControl)
	}
	_ = json.NewEncoder(w).Encode(v)
}
