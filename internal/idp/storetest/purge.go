package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func purgeTests() []test {
	return []test{
		{"Purge/Empty", func(t *testing.T, s idp.Store) { must(t, s.PurgeExpired(t.Context(), at(0))) }},
		{"Purge/TransactionsAndSessions", testPurgeBrowser},
		{"Purge/AuthCodes", testPurgeCodes},
		{"Purge/RefreshTokens", testPurgeRefresh},
		{"Purge/AttemptBuckets", testPurgeAttempts},
	}
}

// purgeAt is when the purge tests purge.
var purgeAt = at(10_000)

// codeGrace is how long PurgeExpired keeps an authorization code past its
// expiry, so that a late replay still meets EConflict.
const codeGrace = 5 * time.Minute

// purge runs PurgeExpired at purgeAt twice: a second run finds nothing.
func purge(t *testing.T, s idp.Store) {
	t.Helper()
	must(t, s.PurgeExpired(t.Context(), purgeAt))
	must(t, s.PurgeExpired(t.Context(), purgeAt))
}

// wantStored checks whether a lookup found its row. Lookups after a purge
// read at t0, before anything expired, so that only a deleted row is
// ENotFound.
func wantStored(t *testing.T, what string, err error, stored bool) {
	t.Helper()
	switch code := idp.ErrorCode(err); {
	case stored && code != "":
		t.Fatalf("%s: %v, want it kept", what, err)
	case !stored && code != idp.ENotFound:
		t.Fatalf("%s: error %v, want it purged (not found)", what, err)
	}
}

// testPurgeBrowser: transactions and sessions go once Get would hide them.
func testPurgeBrowser(t *testing.T, s idp.Store) {
	txns := map[int]time.Time{1: purgeAt.Add(time.Millisecond), 2: purgeAt, 3: at(600)}
	for n, end := range txns {
		v := newTransaction(n)
		v.ExpiresAt = end
		must(t, s.CreateTransaction(t.Context(), v))
	}
	live, idle, ended := newSession(1), newSession(2), newSession(3)
	idle.IdleExpiresAt, ended.ExpiresAt = purgeAt, at(9_000)
	for _, v := range []idp.Session{live, idle, ended} {
		must(t, s.CreateSession(t.Context(), v))
	}
	purge(t, s)
	for n := range txns {
		_, err := s.GetTransaction(t.Context(), newTransaction(n).ID, t0)
		wantStored(t, fmt.Sprintf("transaction %d", n), err, n == 1)
	}
	for n, v := range []idp.Session{live, idle, ended} {
		_, err := getSession(t, s, v, t0)
		wantStored(t, fmt.Sprintf("session %d", n+1), err, v.ID == live.ID)
	}
}

// testPurgeAttempts: buckets go once refilled to their max (at the rate
// they were last used with), just in time included, and the others keep
// what they hold. A purged bucket is unknown: asked with a larger max, it
// holds that max, where a kept one would hold what it regained.
func testPurgeAttempts(t *testing.T, s idp.Store) {
	full, justFull, refilling := rate(3, time.Second), rate(2, 5_000*time.Second), rate(100, time.Hour)
	takes(t, s, "full", full, t0, 3, true)
	takes(t, s, "just-full", justFull, t0, 2, true)
	takes(t, s, "refilling", refilling, purgeAt.Add(-30*time.Minute), 3, true)
	purge(t, s)
	larger := rate(1000, time.Hour)
	wantLeft(t, s, "full", larger, purgeAt, 1000)
	wantLeft(t, s, "just-full", larger, purgeAt, 1000)
	wantLeft(t, s, "refilling", refilling, purgeAt, 97.5)
}
