package jwtauth_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// benchToken builds an Auth0-shaped user access token (about 800 bytes).
func benchToken(srv *jwtauthtest.Server, n int) string {
	return srv.Token().Audience(jwtauthtest.DefaultAudience, srv.Issuer()+"userinfo").
		Scope("openid", "profile", "email", "read:messages", "write:messages").
		Permissions("read:messages", "write:messages").Claim("n", n).MustSign()
}

// warmKeySet returns a key set that has already fetched srv's keys.
func warmKeySet(b *testing.B, srv *jwtauthtest.Server) jwtauth.KeySet {
	keys, err := jwtauth.NewRemoteKeySet(b.Context(), srv.Config())
	if err != nil {
		b.Fatal(err)
	}
	v := benchValidator(b, srv, keys)
	if _, err := v.Validate(b.Context(), benchToken(srv, -1)); err != nil {
		b.Fatal(err)
	}
	return keys
}

func benchValidator(b *testing.B, srv *jwtauthtest.Server, keys jwtauth.KeySet) *jwtauth.Validator {
	v, err := jwtauth.New(b.Context(), jwtauth.Config{Issuer: srv.Issuer(),
		Audiences: []string{jwtauthtest.DefaultAudience}, KeySet: keys})
	if err != nil {
		b.Fatal(err)
	}
	return v
}

// BenchmarkValidateCached: the same token again, answered from the cache.
func BenchmarkValidateCached(b *testing.B) {
	srv := newServer(b)
	v := benchValidator(b, srv, warmKeySet(b, srv))
	token := benchToken(srv, 0)
	if _, err := v.Validate(b.Context(), token); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Validate(b.Context(), token); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateCachedParallel is the cached path from all CPUs.
func BenchmarkValidateCachedParallel(b *testing.B) {
	srv := newServer(b)
	v := benchValidator(b, srv, warmKeySet(b, srv))
	token := benchToken(srv, 0)
	if _, err := v.Validate(b.Context(), token); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := v.Validate(b.Context(), token); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkValidateFirstSeen: every token is new to its Validator (a fresh
// Validator, sharing the warm key set, every len(tokens) iterations), so
// each pays parse, verification, claim checks and the cache insert.
func BenchmarkValidateFirstSeen(b *testing.B) {
	srv := newServer(b)
	keys := warmKeySet(b, srv)
	tokens := make([]string, 256)
	for i := range tokens {
		tokens[i] = benchToken(srv, i)
	}
	var v *jwtauth.Validator
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%len(tokens) == 0 {
			b.StopTimer()
			v = benchValidator(b, srv, keys)
			b.StartTimer()
		}
		if _, err := v.Validate(b.Context(), tokens[i%len(tokens)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawRS256Verify is the floor: SHA-256 of the signing input and
// rsa.VerifyPKCS1v15 with the same key, nothing else.
func BenchmarkRawRS256Verify(b *testing.B) {
	srv := newServer(b)
	token := benchToken(srv, 0)
	dot := strings.LastIndexByte(token, '.')
	sig, err := base64.RawURLEncoding.DecodeString(token[dot+1:])
	if err != nil {
		b.Fatal(err)
	}
	pub := srv.Key().Private.Public().(*rsa.PublicKey)
	input := []byte(token[:dot])
	b.ReportAllocs()
	for b.Loop() {
		h := sha256.Sum256(input)
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoJoseParseVerify is the road not taken: go-jose's
// ParseSignedCompact and Verify alone, no claims, no checks, no cache,
// already cost more than 1.2 times the raw verification.
func BenchmarkGoJoseParseVerify(b *testing.B) {
	srv := newServer(b)
	token := benchToken(srv, 0)
	pub := srv.Key().Private.Public()
	algs := []jose.SignatureAlgorithm{jose.RS256}
	b.ReportAllocs()
	for b.Loop() {
		jws, err := jose.ParseSignedCompact(token, algs)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := jws.Verify(pub); err != nil {
			b.Fatal(err)
		}
	}
}
