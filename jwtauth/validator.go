package jwtauth

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/lestrrat-go/jwx/v3/jws/jwsbb"
)

// maxCacheAge bounds how long a verified token is served from the cache,
// so that a key the issuer withdraws stops vouching for cached tokens.
const maxCacheAge = 5 * time.Minute

// Validator checks access tokens against one Config. It is safe for
// concurrent use.
type Validator struct {
	settings
	keys  KeySet
	cache *tokenCache // nil when disabled
}

// New checks c and returns a Validator. It makes no network request: the
// issuer's keys are fetched when a token first needs them, in the
// background under ctx, which must therefore outlive the Validator (cancel
// it at shutdown).
func New(ctx context.Context, c Config) (*Validator, error) {
	s, err := c.settings()
	if err != nil {
		return nil, err
	}
	keys, err := c.keySet(ctx)
	if err != nil {
		return nil, err
	}
	v := &Validator{settings: s, keys: keys}
	if s.cacheSize > 0 {
		v.cache = newTokenCache(s.cacheSize)
	}
	return v, nil
}

// Validate verifies token (the bare JWT, without "Bearer ") and returns its
// claims. Errors match ErrInvalidToken (answer 401) or ErrKeysUnavailable
// (answer 503). A token seen and verified before is answered from a cache
// keyed by its SHA-256 until it expires.
func (v *Validator) Validate(ctx context.Context, token string) (*Claims, error) {
	if token == "" {
		return nil, invalid("empty token")
	}
	if len(token) > MaxTokenSize {
		return nil, invalid("token too large")
	}
	now := v.now()
	if v.cache == nil {
		c, _, err := v.verify(ctx, token, now)
		return c, err
	}
	key := tokenKey(token)
	if c, ok := v.cache.get(key, now); ok {
		return c, nil
	}
	c, until, err := v.verify(ctx, token, now)
	if err == nil {
		v.cache.put(key, c, until, now)
	}
	return c, err
}

// verify does the full check and says until when the result may be reused.
// jwx's building blocks split the token, read its header and check the
// signature; the key comes only from the KeySet.
func (v *Validator) verify(ctx context.Context, token string, now time.Time) (*Claims, time.Time, error) {
	t, err := parseJWS(token, v.algs)
	if err != nil {
		return nil, time.Time{}, err
	}
	key, err := v.keys.Key(ctx, t.kid, t.alg)
	if err != nil {
		return nil, time.Time{}, keySetError(err)
	}
	if jwsbb.Verify(key, t.alg, t.input, t.signature) != nil {
		return nil, time.Time{}, invalid("signature verification failed")
	}
	w, err := parseClaims(t.payload)
	if err == nil {
		err = v.checkClaims(w, now)
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	until := w.Exp.Add(v.leeway)
	if limit := now.Add(maxCacheAge); limit.Before(until) {
		until = limit
	}
	return w.claims(t.payload), until, nil
}

// keySetError keeps the two classes a KeySet may report and files any
// other error under invalid token.
func keySetError(err error) error {
	if errors.Is(err, ErrKeysUnavailable) || errors.Is(err, ErrInvalidToken) {
		return err
	}
	return invalid("signature not verified")
}

// checkClaims applies RFC 7519 §4.1 and RFC 9068 §4 to the payload.
func (v *Validator) checkClaims(w *wireClaims, now time.Time) error {
	switch {
	case w.Iss != v.issuer:
		return invalid("wrong issuer")
	case !slices.ContainsFunc(w.Aud, v.acceptsAudience):
		return invalid("wrong audience")
	case w.Exp.IsZero():
		return invalid("token has no expiry")
	case !now.Before(w.Exp.Add(v.leeway)):
		return invalid("token expired")
	case !w.Nbf.IsZero() && now.Add(v.leeway).Before(w.Nbf):
		return invalid("token not valid yet")
	case !w.Iat.IsZero() && w.Iat.After(now.Add(v.leeway)):
		return invalid("token issued in the future")
	case w.IDToken:
		return invalid("an ID token is not an access token")
	}
	return nil
}

func (v *Validator) acceptsAudience(aud string) bool { return slices.Contains(v.audiences, aud) }
