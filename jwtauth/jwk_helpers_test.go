package jwtauth_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
)

func jwkJSON(t *testing.T, k jose.JSONWebKey) string {
	t.Helper()
	b, err := k.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// jwksOf marshals keys as a JWK Set document.
func jwksOf(t *testing.T, keys ...jose.JSONWebKey) []byte {
	t.Helper()
	b, err := json.Marshal(jose.JSONWebKeySet{Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func withUse(k jose.JSONWebKey, use string) jose.JSONWebKey { k.Use = use; return k }

func withAlg(k jose.JSONWebKey, alg string) jose.JSONWebKey { k.Algorithm = alg; return k }

// smallRSA returns a 1024-bit public key published under the kid "good".
func smallRSA(t *testing.T) jose.JSONWebKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	return jose.JSONWebKey{Key: &k.PublicKey, KeyID: "good", Algorithm: "RS256", Use: "sig"}
}
