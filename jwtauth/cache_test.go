package jwtauth_test

import (
	"errors"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// cachedValidator counts the signature checks behind a Validator on clk.
func cachedValidator(t *testing.T, clk *clock) (*jwtauthtest.Server, *jwtauth.Validator, *countingKeySet) {
	t.Helper()
	srv := newServer(t)
	remote, err := jwtauth.NewRemoteKeySet(t.Context(), srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	keys := &countingKeySet{KeySet: remote}
	v := newValidator(t, srv, clk, func(c *jwtauth.Config) { c.KeySet, c.HTTPClient = keys, nil })
	return srv, v, keys
}

func TestTokenCacheHit(t *testing.T) {
	clk := newClock()
	srv, v, keys := cachedValidator(t, clk)
	token := srv.Token().At(clk.Now()).Scope("read:x").MustSign()
	first := mustValidate(t, v, token)
	for range 10 {
		if c := mustValidate(t, v, token); c != first {
			t.Fatal("a repeated token was verified again")
		}
	}
	if n := keys.n.Load(); n != 1 {
		t.Fatalf("%d signature checks, want 1", n)
	}
	mustValidate(t, v, srv.Token().At(clk.Now()).Scope("read:y").MustSign())
	if n := keys.n.Load(); n != 2 {
		t.Fatalf("%d signature checks, want 2", n)
	}
}

// TestTokenCacheHonoursExpiry: a cached token is refused once exp plus the
// leeway has passed, exactly as a fresh one would be.
func TestTokenCacheHonoursExpiry(t *testing.T) {
	clk := newClock()
	srv, v, keys := cachedValidator(t, clk)
	token := srv.Token().IssuedAt(clk.Now()).ExpiresAt(clk.Now().Add(time.Minute)).MustSign()
	mustValidate(t, v, token)
	clk.Advance(time.Minute + jwtauth.DefaultLeeway - time.Second)
	mustValidate(t, v, token)
	if n := keys.n.Load(); n != 1 {
		t.Fatalf("%d signature checks, want 1 (cache hit)", n)
	}
	clk.Advance(time.Second)
	if _, err := v.Validate(t.Context(), token); !errors.Is(err, jwtauth.ErrInvalidToken) {
		t.Fatalf("Validate after expiry = %v, want ErrInvalidToken", err)
	}
}

// TestTokenCacheMaxAge: even a long-lived token is re-verified every five
// minutes, so a key the issuer withdraws stops vouching for it.
func TestTokenCacheMaxAge(t *testing.T) {
	clk := newClock()
	srv, v, keys := cachedValidator(t, clk)
	token := srv.Token().At(clk.Now()).MustSign()
	mustValidate(t, v, token)
	clk.Advance(5*time.Minute - time.Second)
	mustValidate(t, v, token)
	clk.Advance(time.Second)
	mustValidate(t, v, token)
	if n := keys.n.Load(); n != 2 {
		t.Fatalf("%d signature checks, want 2", n)
	}
}

func TestTokenCacheDisabled(t *testing.T) {
	clk := newClock()
	srv := newServer(t)
	remote, _ := jwtauth.NewRemoteKeySet(t.Context(), srv.Config())
	keys := &countingKeySet{KeySet: remote}
	v := newValidator(t, srv, clk, func(c *jwtauth.Config) { c.KeySet, c.HTTPClient, c.TokenCacheSize = keys, nil, -1 })
	token := srv.Token().At(clk.Now()).MustSign()
	mustValidate(t, v, token)
	mustValidate(t, v, token)
	if n := keys.n.Load(); n != 2 {
		t.Fatalf("%d signature checks, want 2", n)
	}
}

// TestTokenCacheConcurrent runs under -race: hits and inserts together.
func TestTokenCacheConcurrent(t *testing.T) {
	clk := newClock()
	srv, v, _ := cachedValidator(t, clk)
	tokens := make([]string, 8)
	for i := range tokens {
		tokens[i] = srv.Token().At(clk.Now()).Claim("n", i).MustSign()
	}
	errs := parallel(64, func(i int) error {
		for j := range 20 {
			if _, err := v.Validate(t.Context(), tokens[(i+j)%len(tokens)]); err != nil {
				return err
			}
		}
		return nil
	})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
