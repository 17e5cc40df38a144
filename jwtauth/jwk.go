package jwtauth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/lestrrat-go/jwx/v3/jwk"
)

// maxKeys bounds the keys read from one JWKS.
const maxKeys = 100

// parseJWKS reads a JWK Set (RFC 7517 §5) with jwx and keeps the keys fit
// to verify signatures; skipped counts the others (unknown types, oct,
// use other than sig, weak or malformed keys), which a JWKS may carry
// beside its signing keys.
func parseJWKS(body []byte) (keys []publicKey, skipped int, err error) {
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(body, &set); err != nil {
		return nil, 0, fmt.Errorf("JWKS: %w", err)
	}
	raws := set.Keys[:min(len(set.Keys), maxKeys)]
	for _, raw := range raws {
		if k, ok := usableKey(raw); ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, 0, errors.New("JWKS holds no usable signing key")
	}
	return keys, len(set.Keys) - len(keys), nil
}

// usableKey parses one JWK and keeps an asymmetric signature key, reduced
// to its public half (a JWKS that leaks a private key still verifies).
func usableKey(raw []byte) (publicKey, bool) {
	k, err := jwk.ParseKey(raw)
	if err != nil {
		return publicKey{}, false
	}
	if use, ok := k.KeyUsage(); ok && use != "sig" {
		return publicKey{}, false
	}
	var key any
	if jwk.Export(k, &key) != nil {
		return publicKey{}, false
	}
	pub, ok := publicHalf(key)
	if !ok {
		return publicKey{}, false
	}
	p := publicKey{key: pub}
	p.id, _ = k.KeyID()
	if alg, ok := k.Algorithm(); ok {
		p.alg = alg.String()
	}
	return p, true
}

// publicHalf returns the public key of an RSA (at least minRSABits),
// ECDSA (on a valid point) or Ed25519 key, public or private.
func publicHalf(key any) (crypto.PublicKey, bool) {
	if s, ok := key.(crypto.Signer); ok {
		key = s.Public()
	}
	switch k := key.(type) {
	case *rsa.PublicKey:
		return k, k.N.BitLen() >= minRSABits
	case *ecdsa.PublicKey:
		_, err := k.ECDH()
		return k, err == nil
	case ed25519.PublicKey:
		return k, len(k) == ed25519.PublicKeySize
	}
	return nil, false
}
