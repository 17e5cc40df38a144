package jwtauthtest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"

	jose "github.com/go-jose/go-jose/v4"
)

// Key is a private signing key with the kid and algorithm it signs under.
type Key struct {
	ID        string
	Algorithm jose.SignatureAlgorithm
	Private   crypto.Signer
}

// NewRSAKey generates an RSA-2048 key that signs RS256, as Auth0's do.
func NewRSAKey(kid string) *Key {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	return &Key{ID: kid, Algorithm: jose.RS256, Private: k}
}

// NewECKey generates a P-256 key that signs ES256.
func NewECKey(kid string) *Key {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	return &Key{ID: kid, Algorithm: jose.ES256, Private: k}
}

// JWK returns the public half as published in a JWKS (kid, alg, use=sig).
func (k *Key) JWK() jose.JSONWebKey {
	return jose.JSONWebKey{Key: k.Private.Public(), KeyID: k.ID,
		Algorithm: string(k.Algorithm), Use: "sig"}
}

// JWKS returns a JWK Set document of the keys' public halves, as a JWKS
// endpoint serves it; for jwtauth.Config.StaticJWKS.
func JWKS(keys ...*Key) []byte {
	set := jose.JSONWebKeySet{}
	for _, k := range keys {
		set.Keys = append(set.Keys, k.JWK())
	}
	b, err := json.Marshal(set)
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	return b
}

// PublicKeyPEM returns the public key as PKIX PEM: the bytes an algorithm
// confusion attack uses as an HS256 secret.
func (k *Key) PublicKeyPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: k.PublicKeyDER()})
}

// PublicKeyDER returns the public key as PKIX DER.
func (k *Key) PublicKeyDER() []byte {
	der, err := x509.MarshalPKIXPublicKey(k.Private.Public())
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	return der
}
