package jwtauth_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

func ecKey(t *testing.T, kid string, c elliptic.Curve, alg jose.SignatureAlgorithm) *jwtauthtest.Key {
	t.Helper()
	k, err := ecdsa.GenerateKey(c, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &jwtauthtest.Key{ID: kid, Algorithm: alg, Private: k}
}

// TestAlgorithms: every allowed algorithm verifies with a key of its own
// kind, and a key of the wrong curve or type is refused even under the
// right kid. The JWKs state no alg, so only kty and curve decide.
func TestAlgorithms(t *testing.T) {
	rsaKey := jwtauthtest.NewRSAKey("rsa")
	_, edPriv, _ := ed25519.GenerateKey(rand.Reader)
	keys := map[string]*jwtauthtest.Key{
		"rsa":  rsaKey,
		"p256": ecKey(t, "p256", elliptic.P256(), jose.ES256),
		"p384": ecKey(t, "p384", elliptic.P384(), jose.ES384),
		"p521": ecKey(t, "p521", elliptic.P521(), jose.ES512),
		"ed":   {ID: "ed", Algorithm: jose.EdDSA, Private: edPriv},
	}
	var jwks []jose.JSONWebKey
	for _, k := range keys {
		jwk := k.JWK()
		jwk.Algorithm = ""
		jwks = append(jwks, jwk)
	}
	const iss = "https://tenant.example/"
	v, err := jwtauth.New(t.Context(), jwtauth.Config{Issuer: iss, Audiences: []string{jwtauthtest.DefaultAudience},
		Algorithms: []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"},
		StaticJWKS: jwksOf(t, jwks...)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, kid string
		alg      jose.SignatureAlgorithm
		ok       bool
	}{
		{"rsa", "rsa", jose.RS256, true}, {"rsa", "rsa", jose.RS384, true}, {"rsa", "rsa", jose.RS512, true},
		{"rsa", "rsa", jose.PS256, true}, {"rsa", "rsa", jose.PS384, true}, {"rsa", "rsa", jose.PS512, true},
		{"p256", "p256", jose.ES256, true}, {"p384", "p384", jose.ES384, true}, {"p521", "p521", jose.ES512, true},
		{"ed", "ed", jose.EdDSA, true},
		{"p256", "p384", jose.ES256, false}, // P-256 signature, P-384 kid
		{"p384", "p384", jose.ES256, false}, // ES256 header on a P-384 key: go-jose refuses to sign
		{"rsa", "p256", jose.RS256, false},
		{"rsa", "ed", jose.RS256, false},
		{"ed", "rsa", jose.EdDSA, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.alg)+" "+tt.key+" as "+tt.kid, func(t *testing.T) {
			tok, err := jwtauthtest.NewBuilder(iss, keys[tt.key]).Algorithm(tt.alg).KeyID(tt.kid).Sign()
			if err != nil {
				if tt.ok {
					t.Fatal(err)
				}
				return
			}
			_, err = v.Validate(t.Context(), tok)
			if tt.ok != (err == nil) || (err != nil && !errors.Is(err, jwtauth.ErrInvalidToken)) {
				t.Fatalf("Validate = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestNewContext(t *testing.T) {
	c := &jwtauth.Claims{Subject: "s"}
	got, ok := jwtauth.ClaimsFrom(jwtauth.NewContext(t.Context(), c))
	if !ok || got != c {
		t.Fatal("ClaimsFrom did not return the claims NewContext stored")
	}
	if _, ok := jwtauth.ClaimsFrom(t.Context()); ok {
		t.Fatal("ClaimsFrom found claims in an empty context")
	}
}

func TestUnavailableErrorKeepsCause(t *testing.T) {
	srv := newServer(t)
	srv.SetFailing(true)
	v := newValidator(t, srv, newClock(), nil)
	_, err := v.Validate(t.Context(), srv.Token().MustSign())
	if !errors.Is(err, jwtauth.ErrKeysUnavailable) || !strings.Contains(err.Error(), "500") {
		t.Fatalf("Validate = %v, want ErrKeysUnavailable naming the HTTP status", err)
	}
}
