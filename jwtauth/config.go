package jwtauth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Defaults applied to zero Config fields.
const (
	DefaultLeeway          = 30 * time.Second
	DefaultRefetchInterval = 30 * time.Second
	DefaultTokenCacheSize  = 10000
	// MaxTokenSize bounds the tokens Validate reads; longer ones are
	// refused as invalid (401) before any parsing.
	MaxTokenSize = 16 << 10
	// maxLeeway keeps a typo from turning expiry off.
	maxLeeway = 5 * time.Minute
)

// Config says which tokens a Validator accepts. The zero value of every
// optional field is the safe choice; switches that weaken checks are named
// Insecure….
type Config struct {
	// Issuer is compared byte for byte with the token's iss, so Auth0's
	// "https://tenant.example/" needs its trailing slash. Required.
	Issuer string
	// Audiences lists the API identifiers accepted; the token's aud (a
	// string or an array) must contain one of them. Required.
	Audiences []string
	// Algorithms allowed in the token's alg header; default [RS256]. Only
	// RS256/384/512, PS256/384/512, ES256/384/512 and EdDSA may be listed:
	// "none" and HMAC algorithms are never accepted.
	Algorithms []string
	// Leeway tolerated on exp, nbf and iat for clock skew: 0 means
	// DefaultLeeway (30 s), a negative value means none; at most 5 min.
	Leeway time.Duration

	// JWKSURL is the issuer's key set. When JWKSURL, StaticJWKS and KeySet
	// are all empty the URL is discovered from
	// {Issuer}.well-known/openid-configuration, whose issuer must equal
	// Issuer exactly.
	JWKSURL string
	// StaticJWKS is a fixed JWK Set document (RFC 7517 §5), used instead of
	// fetching one. Every key in it must be a usable public signing key.
	StaticJWKS []byte
	// KeySet, when set, is used as is, for example one *RemoteKeySet shared
	// by the Validators of several APIs of the same issuer.
	KeySet KeySet

	// HTTPClient fetches discovery and JWKS documents; default a client
	// with a 10 s timeout that refuses redirects from https to http.
	HTTPClient *http.Client
	// Now is the clock; default time.Now.
	Now func() time.Time
	// RefetchInterval is the least time between two fetches of the key
	// set, however many unknown kids arrive; default 30 s.
	RefetchInterval time.Duration
	// TokenCacheSize bounds the cache of verified tokens: 0 means
	// DefaultTokenCacheSize, a negative value disables the cache.
	TokenCacheSize int

	// InsecureAllowHTTP permits http:// issuer and JWKS URLs on any host.
	// Without it http is allowed only for loopback hosts, and never for a
	// JWKS when the issuer is https.
	InsecureAllowHTTP bool
}

// settings is a Config with defaults applied and every field checked.
type settings struct {
	issuer    string
	audiences []string
	algs      []string
	leeway    time.Duration
	now       func() time.Time
	interval  time.Duration
	cacheSize int
}

func (c *Config) settings() (settings, error) {
	s := settings{issuer: c.Issuer, audiences: c.Audiences, now: c.Now,
		leeway: c.Leeway, interval: c.RefetchInterval, cacheSize: c.TokenCacheSize}
	if err := checkIssuer(c.Issuer, c.InsecureAllowHTTP); err != nil {
		return s, err
	}
	if err := checkAudiences(c.Audiences); err != nil {
		return s, err
	}
	algs, err := checkAlgorithms(c.Algorithms)
	if err != nil {
		return s, err
	}
	s.algs = algs
	return s, s.applyDefaults()
}

func (s *settings) applyDefaults() error {
	switch {
	case s.leeway > maxLeeway:
		return fmt.Errorf("jwtauth: Leeway %v exceeds %v", s.leeway, maxLeeway)
	case s.leeway == 0:
		s.leeway = DefaultLeeway
	case s.leeway < 0:
		s.leeway = 0
	}
	if s.interval < 0 {
		return errors.New("jwtauth: RefetchInterval must not be negative")
	}
	if s.interval == 0 {
		s.interval = DefaultRefetchInterval
	}
	if s.cacheSize == 0 {
		s.cacheSize = DefaultTokenCacheSize
	}
	if s.now == nil {
		s.now = time.Now
	}
	return nil
}

// keySet picks the one key source the Config names.
func (c *Config) keySet(ctx context.Context) (KeySet, error) {
	n := 0
	for _, set := range []bool{c.JWKSURL != "", len(c.StaticJWKS) > 0, c.KeySet != nil} {
		if set {
			n++
		}
	}
	switch {
	case n > 1:
		return nil, errors.New("jwtauth: set at most one of JWKSURL, StaticJWKS and KeySet")
	case c.KeySet != nil:
		return c.KeySet, nil
	case len(c.StaticJWKS) > 0:
		return newStaticKeySet(c.StaticJWKS)
	}
	return NewRemoteKeySet(ctx, *c)
}
