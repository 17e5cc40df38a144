package jwtauth

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"strings"
)

// KeySet finds the public key that verifies a token. The Validator has
// already checked alg against its allow-list; kid is the token's key id,
// "" when it has none. An implementation returns errors that match
// ErrKeysUnavailable when it cannot get keys at all; any other error
// rejects the token as invalid. The key returned must suit alg: an
// *rsa.PublicKey for RS*/PS*, an *ecdsa.PublicKey on the curve of ES*, an
// ed25519.PublicKey for EdDSA.
type KeySet interface {
	Key(ctx context.Context, kid, alg string) (crypto.PublicKey, error)
}

// minRSABits refuses keys too weak to be trusted whatever a JWKS says.
const minRSABits = 2048

// errUnknownKey is internal: it tells a remote set to try a refetch.
var errUnknownKey = errors.New("jwtauth: unknown key id")

// publicKey is one usable verification key of a JWKS.
type publicKey struct {
	id  string
	alg string // the JWK's own alg, "" when it states none
	key crypto.PublicKey
}

// keyIndex is an immutable set of usable public keys by kid.
type keyIndex struct {
	byID map[string][]publicKey
	all  []publicKey
}

func newKeyIndex(keys []publicKey) *keyIndex {
	ix := &keyIndex{byID: make(map[string][]publicKey, len(keys))}
	for _, k := range keys {
		ix.byID[k.id] = append(ix.byID[k.id], k)
		ix.all = append(ix.all, k)
	}
	return ix
}

// lookup finds the key for kid that fits alg. A token without kid is
// accepted only when the set holds a single key, so that no key is ever
// chosen by trial.
func (ix *keyIndex) lookup(kid, alg string) (crypto.PublicKey, error) {
	cands := ix.byID[kid]
	if kid == "" {
		if len(ix.all) != 1 {
			return nil, invalid("token has no key id")
		}
		cands = ix.all
	} else if len(cands) == 0 {
		return nil, errUnknownKey
	}
	for _, k := range cands {
		if keyFits(k, alg) {
			return k.key, nil
		}
	}
	return nil, invalid("key does not match the token's algorithm")
}

// keyFits holds when the key's type and curve suit alg and the key's own
// alg, if the JWK states one, is alg (RFC 7517 §4.4).
func keyFits(k publicKey, alg string) bool {
	if k.alg != "" && k.alg != alg {
		return false
	}
	switch key := k.key.(type) {
	case *rsa.PublicKey:
		return strings.HasPrefix(alg, "RS") || strings.HasPrefix(alg, "PS")
	case *ecdsa.PublicKey:
		return curveFor(alg) == key.Curve
	case ed25519.PublicKey:
		return alg == "EdDSA"
	}
	return false
}

func curveFor(alg string) elliptic.Curve {
	switch alg {
	case "ES256":
		return elliptic.P256()
	case "ES384":
		return elliptic.P384()
	case "ES512":
		return elliptic.P521()
	}
	return nil
}

// staticKeySet serves Config.StaticJWKS.
type staticKeySet struct{ index *keyIndex }

func newStaticKeySet(jwks []byte) (*staticKeySet, error) {
	keys, skipped, err := parseJWKS(jwks)
	if err != nil {
		return nil, err
	}
	if skipped > 0 {
		return nil, errors.New("jwtauth: StaticJWKS holds a key that is not an asymmetric public signing key of sufficient size")
	}
	return &staticKeySet{index: newKeyIndex(keys)}, nil
}

// Key implements KeySet.
func (s *staticKeySet) Key(_ context.Context, kid, alg string) (crypto.PublicKey, error) {
	k, err := s.index.lookup(kid, alg)
	if err == errUnknownKey {
		return nil, invalid("unknown key id")
	}
	return k, err
}
