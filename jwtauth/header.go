package jwtauth

import (
	"crypto/x509"
	"strings"

	jose "github.com/go-jose/go-jose/v4"
)

// noRoots makes Header.Certificates fail fast without the system pool; it
// is only ever asked whether an x5c header exists.
var noRoots = x509.NewCertPool()

// refusedHeaders are header parameters that never appear in an access
// token from a sane issuer and that, if honoured, would let the token pick
// its own key (jku, x5u), change what is signed (b64, RFC 7797) or nest
// another object (cty). crit is refused whatever it lists: no extension is
// understood here (RFC 7515 §4.1.11).
var refusedHeaders = []jose.HeaderKey{"jku", "x5u", "crit", "b64", "cty"}

// checkHeader refuses tokens that carry their own key material or headers
// not understood, and tokens whose typ says they are not access tokens.
func checkHeader(h jose.Header) error {
	if h.JSONWebKey != nil {
		return invalid("token header carries a key (jwk); keys come only from the issuer")
	}
	if _, err := h.Certificates(x509.VerifyOptions{Roots: noRoots}); err != jose.ErrMissingX5cHeader {
		return invalid("token header carries certificates (x5c); keys come only from the issuer")
	}
	for _, k := range refusedHeaders {
		if _, ok := h.ExtraHeaders[k]; ok {
			return invalid("token header parameter " + string(k) + " is not accepted")
		}
	}
	if typ, ok := h.ExtraHeaders[jose.HeaderType]; ok && !accessTokenType(typ) {
		return invalid("token type is not an access token")
	}
	return nil
}

// accessTokenType accepts "JWT" and RFC 9068's "at+jwt", with or without
// the "application/" prefix and in any case (RFC 7515 §4.1.9).
func accessTokenType(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	s = strings.ToLower(s)
	s = strings.TrimPrefix(s, "application/")
	return s == "jwt" || s == "at+jwt"
}
