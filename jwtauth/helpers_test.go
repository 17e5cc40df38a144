package jwtauth_test

import (
	"context"
	"crypto"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// clock is a settable clock for Config.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newServer starts an issuer stand-in closed at the end of the test.
func newServer(t testing.TB, keys ...*jwtauthtest.Key) *jwtauthtest.Server {
	t.Helper()
	srv := jwtauthtest.NewServer(keys...)
	t.Cleanup(srv.Close)
	return srv
}

// newValidator builds a Validator for srv on clk, after edit adjusts the
// Config.
func newValidator(t testing.TB, srv *jwtauthtest.Server, clk *clock, edit func(*jwtauth.Config)) *jwtauth.Validator {
	t.Helper()
	c := srv.Config()
	c.Now = clk.Now
	if edit != nil {
		edit(&c)
	}
	v, err := jwtauth.New(t.Context(), c)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return v
}

// countingKeySet counts signature checks, which the token cache saves.
type countingKeySet struct {
	jwtauth.KeySet
	n atomic.Int64
}

func (c *countingKeySet) Key(ctx context.Context, kid, alg string) (crypto.PublicKey, error) {
	c.n.Add(1)
	return c.KeySet.Key(ctx, kid, alg)
}
