package jwtauth

import (
	"encoding/base64"
	"slices"
	"strings"

	"github.com/lestrrat-go/jwx/v3/jws/jwsbb"
	"github.com/valyala/fastjson"
)

// jws is a compact JWS split by jwx's building blocks (jwsbb), its header
// checked but its signature not yet verified.
type jws struct {
	alg, kid  string
	input     []byte // the signing input: header "." payload, as received
	signature []byte
	payload   []byte // base64url-decoded
}

// parseJWS splits token with jwsbb, checks its protected header against
// algs and decodes the signature and payload. Segments must be unpadded
// base64url (RFC 7515 §2). The token's copy (for the signing input) and
// the decoded header and signature share one buffer; the payload, which
// the Claims keep, has its own.
func parseJWS(token string, algs []string) (jws, error) {
	var t jws
	buf := make([]byte, len(token), len(token)+decodedLen(len(token)))
	copy(buf, token)
	h, p, s, err := jwsbb.SplitCompact(buf)
	if err != nil {
		return t, invalid("malformed token")
	}
	t.input = buf[: len(h)+1+len(p) : len(h)+1+len(p)]
	scratch := buf[len(token):cap(buf)]
	header, err := decode(scratch, h)
	if err != nil {
		return t, err
	}
	if t.alg, t.kid, err = checkHeader(header, algs); err != nil {
		return t, err
	}
	if t.signature, err = decode(scratch[len(header):], s); err != nil {
		return t, err
	}
	t.payload, err = decode(make([]byte, decodedLen(len(p))), p)
	return t, err
}

func decodedLen(n int) int { return base64.RawURLEncoding.DecodedLen(n) }

// decode decodes src, unpadded base64url, into dst, which is long enough.
func decode(dst, src []byte) ([]byte, error) {
	n, err := base64.RawURLEncoding.Decode(dst, src)
	if err != nil {
		return nil, invalid("malformed token")
	}
	return dst[:n:n], nil
}

// header is what checkHeader reads from the protected header.
type header struct {
	alg, kid, typ string
	hasTyp        bool
	seen          uint32 // alg, kid, typ read
}

// checkHeader returns alg and kid of a header that names an allowed
// algorithm, carries no key material or parameter not understood and no
// name twice, and whose typ, if any, says access token. The header is read
// in one pass with the parser the claims use (jwsbb's header accessors
// would probe once per refused name).
func checkHeader(raw []byte, algs []string) (alg, kid string, err error) {
	var h header
	if err := readObject(raw, h.set); err == errNotObject {
		return "", "", invalid("malformed token")
	} else if err != nil {
		return "", "", err
	}
	switch {
	case h.alg == "":
		return "", "", invalid("malformed token")
	case !slices.Contains(algs, h.alg):
		return "", "", invalid("signing algorithm not allowed")
	case h.hasTyp && !accessTokenType(h.typ):
		return "", "", invalid("token type is not an access token")
	}
	return h.alg, h.kid, nil
}

// set reads one header parameter. It refuses those that never appear in
// an access token from a sane issuer and that, if honoured, would let the
// token pick its own key (jku, x5u, jwk, x5c), change what is signed (b64,
// RFC 7797) or nest another object (cty). crit is refused whatever it
// lists: no extension is understood here (RFC 7515 §4.1.11).
func (h *header) set(name []byte, v *fastjson.Value) error {
	switch string(name) {
	case "alg":
		return h.str(0, v, &h.alg, "malformed token")
	case "kid":
		return h.str(1, v, &h.kid, "malformed token")
	case "typ":
		h.hasTyp = true
		return h.str(2, v, &h.typ, "token type is not an access token")
	case "jwk":
		return invalid("token header carries a key (jwk); keys come only from the issuer")
	case "x5c":
		return invalid("token header carries certificates (x5c); keys come only from the issuer")
	case "jku", "x5u", "crit", "b64", "cty":
		return invalid("token header parameter " + string(name) + " is not accepted")
	}
	return nil
}

// str reads a string parameter, the bit-th that may appear once.
func (h *header) str(bit int, v *fastjson.Value, dst *string, description string) error {
	if err := once(&h.seen, bit); err != nil {
		return err
	}
	b, err := v.StringBytes()
	if err != nil {
		return invalid(description)
	}
	*dst = string(b)
	return nil
}

// accessTokenType accepts "JWT" and RFC 9068's "at+jwt", with or without
// the "application/" prefix and in any case (RFC 7515 §4.1.9).
func accessTokenType(s string) bool {
	s = strings.ToLower(s)
	s = strings.TrimPrefix(s, "application/")
	return s == "jwt" || s == "at+jwt"
}
