package jwtauth_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

func noCache(c *jwtauth.Config) { c.TokenCacheSize = -1 }

func mustValidate(t *testing.T, v *jwtauth.Validator, token string) *jwtauth.Claims {
	t.Helper()
	c, err := v.Validate(t.Context(), token)
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return c
}

func wantFetches(t *testing.T, srv *jwtauthtest.Server, discovery, jwks int) {
	t.Helper()
	if d, j := srv.DiscoveryFetches(), srv.JWKSFetches(); d != discovery || j != jwks {
		t.Fatalf("fetches: discovery %d, jwks %d; want %d, %d", d, j, discovery, jwks)
	}
}

// TestConcurrentColdStart: 50 callers at once share one discovery and one
// JWKS fetch, and all succeed (they wait for it rather than being turned
// away by the rate limit).
func TestConcurrentColdStart(t *testing.T) {
	srv := newServer(t)
	srv.SetDelay(50 * time.Millisecond)
	v := newValidator(t, srv, newClock(), noCache)
	token := srv.Token().MustSign()
	errs := parallel(50, func(int) error { _, err := v.Validate(t.Context(), token); return err })
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	wantFetches(t, srv, 1, 1)
}

// TestConcurrentUnknownKid: after a rotation, 50 callers presenting the
// new kid at once cause one JWKS fetch and all succeed.
func TestConcurrentUnknownKid(t *testing.T) {
	srv := newServer(t)
	clk := newClock()
	v := newValidator(t, srv, clk, noCache)
	mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
	srv.Rotate("rotated")
	srv.SetDelay(50 * time.Millisecond)
	clk.Advance(jwtauth.DefaultRefetchInterval)
	token := srv.Token().At(clk.Now()).MustSign()
	errs := parallel(50, func(int) error { _, err := v.Validate(t.Context(), token); return err })
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	wantFetches(t, srv, 1, 2)
}

// TestUnknownKidRateLimited: a flood of random kids costs at most one
// fetch per RefetchInterval.
func TestUnknownKidRateLimited(t *testing.T) {
	srv := newServer(t)
	evil := jwtauthtest.NewRSAKey("evil")
	clk := newClock()
	v := newValidator(t, srv, clk, noCache)
	mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
	flood := func() {
		errs := parallel(200, func(i int) error {
			tok := srv.Token().At(clk.Now()).SignedBy(evil).KeyID(fmt.Sprintf("random-%d", i)).MustSign()
			_, err := v.Validate(t.Context(), tok)
			return err
		})
		for _, err := range errs {
			if !errors.Is(err, jwtauth.ErrInvalidToken) {
				t.Fatalf("Validate = %v, want ErrInvalidToken", err)
			}
		}
	}
	flood()
	wantFetches(t, srv, 1, 1) // the first fetch was under a second ago
	clk.Advance(jwtauth.DefaultRefetchInterval - time.Second)
	flood()
	wantFetches(t, srv, 1, 1)
	clk.Advance(time.Second)
	flood()
	wantFetches(t, srv, 1, 2)
}

func TestRotationPickedUpAfterInterval(t *testing.T) {
	srv := newServer(t)
	clk := newClock()
	v := newValidator(t, srv, clk, func(c *jwtauth.Config) { c.RefetchInterval = time.Minute })
	mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
	srv.Rotate("next")
	clk.Advance(10 * time.Second)
	token := srv.Token().At(clk.Now()).MustSign()
	if _, err := v.Validate(t.Context(), token); !errors.Is(err, jwtauth.ErrInvalidToken) {
		t.Fatalf("within the interval: Validate = %v, want unknown kid", err)
	}
	clk.Advance(50 * time.Second)
	if c := mustValidate(t, v, token); c.Subject != jwtauthtest.DefaultSubject {
		t.Fatalf("subject %q", c.Subject)
	}
	wantFetches(t, srv, 1, 2)
}

func TestLastGoodKeysKept(t *testing.T) {
	srv := newServer(t)
	clk := newClock()
	v := newValidator(t, srv, clk, noCache)
	mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
	srv.SetFailing(true)
	clk.Advance(25 * time.Hour) // past any freshness
	for range 3 {
		mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
	}
	wantFetches(t, srv, 1, 2) // one failed refresh, then rate-limited
	srv.SetRawJWKS([]byte(`{"keys":[]}`))
	srv.SetFailing(false)
	clk.Advance(time.Minute)
	mustValidate(t, v, srv.Token().At(clk.Now()).MustSign()) // an empty set is not taken
	wantFetches(t, srv, 1, 3)
}

func TestKeysUnavailable(t *testing.T) {
	srv := newServer(t)
	srv.SetFailing(true)
	clk := newClock()
	v := newValidator(t, srv, clk, nil)
	for range 3 {
		_, err := v.Validate(t.Context(), srv.Token().At(clk.Now()).MustSign())
		if !errors.Is(err, jwtauth.ErrKeysUnavailable) || errors.Is(err, jwtauth.ErrInvalidToken) {
			t.Fatalf("Validate = %v, want ErrKeysUnavailable only", err)
		}
	}
	wantFetches(t, srv, 1, 0)
	srv.SetFailing(false)
	clk.Advance(jwtauth.DefaultRefetchInterval)
	mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
	wantFetches(t, srv, 2, 1)
}

func TestCacheControlWithinBounds(t *testing.T) {
	tests := []struct {
		header       string
		fresh, stale time.Duration
	}{
		{"public, max-age=3600", 59 * time.Minute, 61 * time.Minute},
		{"", 9 * time.Minute, 11 * time.Minute}, // default 10 min
		{"max-age=0", 4 * time.Minute, 6 * time.Minute},
		{"no-store", 4 * time.Minute, 6 * time.Minute},
		{"max-age=15", 4 * time.Minute, 6 * time.Minute}, // floor 5 min
		{"max-age=99999999999999999999", 23 * time.Hour, 25 * time.Hour},
		{`max-age="7200", must-revalidate`, 119 * time.Minute, 121 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			srv := newServer(t)
			srv.SetCacheControl(tt.header)
			clk := newClock()
			v := newValidator(t, srv, clk, noCache)
			start := clk.Now()
			mustValidate(t, v, srv.Token().At(start).MustSign())
			clk.Advance(tt.fresh)
			mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
			wantFetches(t, srv, 1, 1)
			clk.Advance(tt.stale - tt.fresh)
			mustValidate(t, v, srv.Token().At(start.Add(tt.stale)).MustSign())
			wantFetches(t, srv, 1, 2)
		})
	}
}

// TestWithdrawnKey: once a refresh drops a key, its tokens are refused.
func TestWithdrawnKey(t *testing.T) {
	srv := newServer(t)
	old := srv.Key()
	clk := newClock()
	v := newValidator(t, srv, clk, noCache)
	mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
	srv.SetKeys(jwtauthtest.NewRSAKey("replacement"))
	clk.Advance(11 * time.Minute)
	_, err := v.Validate(t.Context(), srv.Token().At(clk.Now()).SignedBy(old).MustSign())
	if !errors.Is(err, jwtauth.ErrInvalidToken) {
		t.Fatalf("Validate = %v, want unknown kid", err)
	}
}

func TestJWKSContents(t *testing.T) {
	good := jwtauthtest.NewRSAKey("good")
	pub := good.JWK()
	tests := []struct {
		name string
		body string
		want error // for a token signed by good
	}{
		{"one good key among unknown types", `{"keys":[{"kty":"XYZ","kid":"x"},` + jwkJSON(t, pub) + `]}`, nil},
		{"key marked use=enc", `{"keys":[` + jwkJSON(t, withUse(pub, "enc")) + `]}`, jwtauth.ErrKeysUnavailable},
		{"key whose alg is PS256", `{"keys":[` + jwkJSON(t, withAlg(pub, "PS256")) + `]}`, jwtauth.ErrInvalidToken},
		{"oct key under the kid", `{"keys":[{"kty":"oct","kid":"good","k":"` + strings.Repeat("A", 43) + `"}]}`, jwtauth.ErrKeysUnavailable},
		{"not JSON", `<html>`, jwtauth.ErrKeysUnavailable},
		{"too large", `{"keys":[` + jwkJSON(t, pub) + `],"pad":"` + strings.Repeat("x", 300<<10) + `"}`, jwtauth.ErrKeysUnavailable},
		{"private key published", `{"keys":[` + jwkJSON(t, jose.JSONWebKey{Key: good.Private, KeyID: "good", Algorithm: "RS256"}) + `]}`, nil},
		{"weak RSA key", `{"keys":[` + jwkJSON(t, smallRSA(t)) + `]}`, jwtauth.ErrKeysUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, good)
			srv.SetRawJWKS([]byte(tt.body))
			v := newValidator(t, srv, newClock(), nil)
			_, err := v.Validate(t.Context(), srv.Token().MustSign())
			if (tt.want == nil) != (err == nil) || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("Validate = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestCallerGivesUp: a caller whose context ends stops waiting, and the
// fetch it started still serves the next caller.
func TestCallerGivesUp(t *testing.T) {
	srv := newServer(t)
	srv.SetDelay(200 * time.Millisecond)
	v := newValidator(t, srv, newClock(), nil)
	token := srv.Token().MustSign()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, err := v.Validate(ctx, token); !errors.Is(err, jwtauth.ErrKeysUnavailable) {
		t.Fatalf("Validate = %v, want ErrKeysUnavailable", err)
	}
	mustValidate(t, v, token)
	wantFetches(t, srv, 1, 1)
}

func TestStaticKeys(t *testing.T) {
	k := jwtauthtest.NewECKey("static")
	v, err := jwtauth.New(t.Context(), jwtauth.Config{Issuer: "https://tenant.example/",
		Audiences: []string{jwtauthtest.DefaultAudience}, Algorithms: []string{"ES256"},
		StaticJWKS: jwtauthtest.JWKS(k)})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, v, jwtauthtest.NewBuilder("https://tenant.example/", k).MustSign())
	mustValidate(t, v, jwtauthtest.NewBuilder("https://tenant.example/", k).KeyID("").MustSign())
	other := jwtauthtest.NewBuilder("https://tenant.example/", k).KeyID("other").MustSign()
	if _, err := v.Validate(t.Context(), other); !errors.Is(err, jwtauth.ErrInvalidToken) {
		t.Fatalf("Validate = %v, want unknown kid", err)
	}
}

func TestSharedRemoteKeySet(t *testing.T) {
	srv := newServer(t)
	keys, err := jwtauth.NewRemoteKeySet(t.Context(), srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	for _, aud := range []string{"https://a.example/", "https://b.example/"} {
		c := jwtauth.Config{Issuer: srv.Issuer(), Audiences: []string{aud}, KeySet: keys}
		v, err := jwtauth.New(t.Context(), c)
		if err != nil {
			t.Fatal(err)
		}
		mustValidate(t, v, srv.Token().Audience(aud).MustSign())
	}
	wantFetches(t, srv, 1, 1)
}

// parallel runs f n times at once, released together.
func parallel(n int, f func(i int) error) []error {
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Go(func() {
			start.Wait()
			errs[i] = f(i)
		})
	}
	start.Done()
	done.Wait()
	return errs
}
