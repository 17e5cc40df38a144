package jwtauth

import (
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/valyala/fastjson"
)

// wireClaims is the payload as read. Names match case-sensitively, so
// "EXP" cannot stand in for "exp", and a claim named twice is refused
// rather than read one way here and another by Claims.Decode.
type wireClaims struct {
	Iss, Sub, Jti, Scope, Azp, ClientID, Gty string
	Aud                                      []string
	Exp, Nbf, Iat                            time.Time // zero when absent
	Permissions                              []string
	// IDToken is set by nonce or at_hash, claims of ID tokens only (OIDC
	// Core §2, §3.1.3.6).
	IDToken bool
	seen    uint32 // knownClaims read, by index
}

// parsers are reused: fastjson's parser keeps its buffers between calls,
// which is what makes reading the claims cost a fraction of a microsecond.
var parsers fastjson.ParserPool

// errNotObject reports JSON that is not an object; callers say which part.
var errNotObject = errors.New("not a JSON object")

// readObject parses raw, which must be a JSON object, and hands its
// members to set in order, stopping at the first error.
func readObject(raw []byte, set func(name []byte, v *fastjson.Value) error) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(raw)
	if err != nil || v.Type() != fastjson.TypeObject {
		return errNotObject
	}
	v.GetObject().Visit(func(k []byte, v *fastjson.Value) {
		if err == nil {
			err = set(k, v)
		}
	})
	return err
}

// parseClaims reads the claims this package checks or exposes, in one
// pass over the payload's top-level object.
func parseClaims(payload []byte) (*wireClaims, error) {
	w := &wireClaims{}
	err := readObject(payload, w.set)
	if err == errNotObject {
		return nil, invalid("claims are not a valid JSON object")
	}
	return w, err
}

// once refuses a name seen before: bit numbers it among the names read.
func once(seen *uint32, bit int) error {
	if *seen&(1<<bit) != 0 {
		return invalid("a header parameter or claim is named twice")
	}
	*seen |= 1 << bit
	return nil
}

// set stores one claim, refusing a value of the wrong type or a claim
// named twice. null counts as absent. Unknown claims are left for
// Claims.Decode.
func (w *wireClaims) set(name []byte, v *fastjson.Value) error {
	i := slices.Index(knownClaims, string(name))
	if i < 0 {
		return nil
	}
	if err := once(&w.seen, i); err != nil || v.Type() == fastjson.TypeNull {
		return err
	}
	if w.read(i, v) {
		return nil
	}
	return invalid("claims are malformed")
}

var knownClaims = []string{"iss", "sub", "jti", "scope", "azp", "client_id", "gty",
	"aud", "permissions", "exp", "nbf", "iat", "nonce", "at_hash"}

// read stores the value of knownClaims[i]; false means the wrong type.
func (w *wireClaims) read(i int, v *fastjson.Value) bool {
	switch knownClaims[i] {
	case "iss":
		return str(v, &w.Iss)
	case "sub":
		return str(v, &w.Sub)
	case "jti":
		return str(v, &w.Jti)
	case "scope":
		return str(v, &w.Scope)
	case "azp":
		return str(v, &w.Azp)
	case "client_id":
		return str(v, &w.ClientID)
	case "gty":
		return str(v, &w.Gty)
	case "aud":
		return audience(v, &w.Aud)
	case "permissions":
		return strs(v, &w.Permissions)
	case "exp":
		return numericDate(v, &w.Exp)
	case "nbf":
		return numericDate(v, &w.Nbf)
	case "iat":
		return numericDate(v, &w.Iat)
	}
	w.IDToken = true // nonce, at_hash
	return true
}

func str(v *fastjson.Value, dst *string) bool {
	b, err := v.StringBytes()
	*dst = string(b)
	return err == nil
}

// audience accepts a string or an array of strings (RFC 7519 §4.1.3).
func audience(v *fastjson.Value, dst *[]string) bool {
	if v.Type() == fastjson.TypeString {
		*dst = []string{string(v.GetStringBytes())}
		return true
	}
	return strs(v, dst)
}

func strs(v *fastjson.Value, dst *[]string) bool {
	arr, err := v.Array()
	if err != nil {
		return false
	}
	out := make([]string, len(arr))
	for i, e := range arr {
		if !str(e, &out[i]) {
			return false
		}
	}
	*dst = out
	return true
}

// maxNumericDate keeps dates where float64 seconds are exact integers.
const maxNumericDate = 1 << 53

// numericDate reads seconds since the epoch (RFC 7519 §2), fractions
// dropped; negative, non-finite or absurd values are refused.
func numericDate(v *fastjson.Value, dst *time.Time) bool {
	f, err := v.Float64()
	if err != nil || math.IsNaN(f) || f < 0 || f >= maxNumericDate {
		return false
	}
	*dst = time.Unix(int64(f), 0)
	return true
}

func (w *wireClaims) claims(raw []byte) *Claims {
	c := &Claims{Issuer: w.Iss, Subject: w.Sub, Audience: w.Aud, Expiry: w.Exp,
		IssuedAt: w.Iat, NotBefore: w.Nbf, ID: w.Jti, Scopes: strings.Fields(w.Scope),
		Permissions: w.Permissions, AuthorizedParty: w.Azp, GrantType: w.Gty, raw: raw}
	if c.AuthorizedParty == "" {
		c.AuthorizedParty = w.ClientID
	}
	return c
}
