package jwtauth

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"strings"

	jose "github.com/go-jose/go-jose/v4"
)

// KeySet verifies the signature of a parsed token with the key its header
// names, and returns the payload. The Validator has already checked the
// algorithm against its allow-list. An implementation returns errors that
// match ErrKeysUnavailable when it cannot get keys at all; any other error
// rejects the token as invalid.
type KeySet interface {
	VerifySignature(ctx context.Context, jws *jose.JSONWebSignature) ([]byte, error)
}

// minRSABits refuses keys too weak to be trusted whatever a JWKS says.
const minRSABits = 2048

// errUnknownKey is internal: it tells a remote set to try a refetch.
var errUnknownKey = errors.New("jwtauth: unknown key id")

// keyIndex is an immutable set of usable public keys by kid.
type keyIndex struct {
	byID map[string][]jose.JSONWebKey
	all  []jose.JSONWebKey
}

func newKeyIndex(keys []jose.JSONWebKey) *keyIndex {
	ix := &keyIndex{byID: make(map[string][]jose.JSONWebKey, len(keys))}
	for _, k := range keys {
		if pub, ok := usableKey(k); ok {
			ix.byID[pub.KeyID] = append(ix.byID[pub.KeyID], pub)
			ix.all = append(ix.all, pub)
		}
	}
	return ix
}

// usableKey keeps asymmetric signature keys, reduced to their public half.
func usableKey(k jose.JSONWebKey) (jose.JSONWebKey, bool) {
	if !k.IsPublic() {
		k = k.Public()
	}
	if !k.Valid() || !k.IsPublic() || (k.Use != "" && k.Use != "sig") {
		return k, false
	}
	if rk, ok := k.Key.(*rsa.PublicKey); ok && rk.N.BitLen() < minRSABits {
		return k, false
	}
	return k, true
}

// lookup finds the key for kid that fits alg. A token without kid is
// accepted only when the set holds a single key, so that no key is ever
// chosen by trial.
func (ix *keyIndex) lookup(kid, alg string) (jose.JSONWebKey, error) {
	cands := ix.byID[kid]
	if kid == "" {
		if len(ix.all) != 1 {
			return jose.JSONWebKey{}, invalid("token has no key id")
		}
		cands = ix.all
	} else if len(cands) == 0 {
		return jose.JSONWebKey{}, errUnknownKey
	}
	for _, k := range cands {
		if keyFits(k, alg) {
			return k, nil
		}
	}
	return jose.JSONWebKey{}, invalid("key does not match the token's algorithm")
}

// keyFits holds when the key's type and curve suit alg and the key's own
// alg, if the JWK states one, is alg (RFC 7517 §4.4).
func keyFits(k jose.JSONWebKey, alg string) bool {
	if k.Algorithm != "" && k.Algorithm != alg {
		return false
	}
	switch key := k.Key.(type) {
	case *rsa.PublicKey:
		return strings.HasPrefix(alg, "RS") || strings.HasPrefix(alg, "PS")
	case *ecdsa.PublicKey:
		return curveFor(alg) == key.Curve
	case ed25519.PublicKey:
		return alg == string(jose.EdDSA)
	}
	return false
}

func curveFor(alg string) elliptic.Curve {
	switch jose.SignatureAlgorithm(alg) {
	case jose.ES256:
		return elliptic.P256()
	case jose.ES384:
		return elliptic.P384()
	case jose.ES512:
		return elliptic.P521()
	}
	return nil
}

// verifyWith checks the signature with go-jose; the key is a bare public
// key, so go-jose cannot pick another one from the token.
func verifyWith(jws *jose.JSONWebSignature, k jose.JSONWebKey) ([]byte, error) {
	payload, err := jws.Verify(k.Key)
	if err != nil {
		return nil, invalid("signature verification failed")
	}
	return payload, nil
}

// staticKeySet serves Config.StaticKeys.
type staticKeySet struct{ index *keyIndex }

func newStaticKeySet(keys []jose.JSONWebKey) (*staticKeySet, error) {
	ix := newKeyIndex(keys)
	if len(ix.all) != len(keys) {
		return nil, errors.New("jwtauth: StaticKeys holds a key that is not an asymmetric signing key of sufficient size")
	}
	return &staticKeySet{index: ix}, nil
}

// VerifySignature implements KeySet.
func (s *staticKeySet) VerifySignature(_ context.Context, jws *jose.JSONWebSignature) ([]byte, error) {
	h := jws.Signatures[0].Header
	k, err := s.index.lookup(h.KeyID, h.Algorithm)
	if err == errUnknownKey {
		return nil, invalid("unknown key id")
	}
	if err != nil {
		return nil, err
	}
	return verifyWith(jws, k)
}
