package jwtauth

import (
	"context"
	"errors"
	"net/http"
	"strings"
)

// MiddlewareOption adjusts Middleware.
type MiddlewareOption func(*middleware)

// WithRealm sets the realm of the WWW-Authenticate challenge; the default is
// the Validator's first audience.
func WithRealm(realm string) MiddlewareOption {
	return func(m *middleware) { m.realm = realm }
}

type middleware struct {
	v     *Validator
	realm string
	next  http.Handler
}

// Middleware admits requests that carry a valid bearer token (RFC 6750
// §2.1) and puts its claims in the request context for ClaimsFrom. Others
// get 401 with a WWW-Authenticate challenge (400 for a malformed
// Authorization header), or 503 when the issuer's keys cannot be had.
func Middleware(v *Validator, opts ...MiddlewareOption) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		m := &middleware{v: v, realm: v.audiences[0], next: next}
		for _, o := range opts {
			o(m)
		}
		return m
	}
}

func (m *middleware) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	token, problem := bearerToken(r.Header)
	if token == "" {
		m.refuse(w, problem)
		return
	}
	claims, err := m.v.Validate(r.Context(), token)
	if err != nil {
		m.fail(w, err)
		return
	}
	ctx := context.WithValue(r.Context(), claimsKey{}, authInfo{claims: claims, realm: m.realm})
	m.next.ServeHTTP(w, r.WithContext(ctx))
}

// refuse answers a request without a usable Authorization header: a bare
// challenge when there was none (RFC 6750 §3.1), else invalid_request.
func (m *middleware) refuse(w http.ResponseWriter, problem string) {
	if problem == "" {
		writeMissing(w, m.realm)
		return
	}
	writeChallenge(w, http.StatusBadRequest, challenge{realm: m.realm,
		code: "invalid_request", description: problem})
}

func (m *middleware) fail(w http.ResponseWriter, err error) {
	if errors.Is(err, ErrKeysUnavailable) {
		writeUnavailable(w, m.v.interval)
		return
	}
	desc := "invalid token"
	var te *TokenError
	if errors.As(err, &te) {
		desc = te.Description
	}
	writeChallenge(w, http.StatusUnauthorized, challenge{realm: m.realm,
		code: "invalid_token", description: desc})
}

// bearerToken reads exactly one "Bearer <token>" credential; the scheme is
// case-insensitive (RFC 7235 §2.1). No header, or another scheme, yields
// ("", ""); a malformed one yields ("", reason).
func bearerToken(h http.Header) (token, problem string) {
	vals := h.Values("Authorization")
	if len(vals) == 0 {
		return "", ""
	}
	if len(vals) > 1 {
		return "", "more than one Authorization header"
	}
	scheme, rest, _ := strings.Cut(strings.TrimSpace(vals[0]), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", ""
	}
	token = strings.TrimSpace(rest)
	if token == "" || strings.ContainsAny(token, " \t,") {
		return "", "malformed bearer credentials"
	}
	return token, ""
}
