package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func sessionTests() []test {
	return []test{
		{"Session/RoundTrip", testSessionRoundTrip},
		{"Session/Expiry", testSessionExpiry},
		{"Session/Update", testSessionUpdate},
		{"Session/UpdateAborts", testSessionUpdateAborts},
		{"Session/UpdateHashTaken", testSessionHashTaken},
		{"Session/NotFound", testSessionNotFound},
		{"Session/Delete", testSessionDelete},
		{"Session/DeleteUser", testSessionDeleteUser},
	}
}

// newSession returns session n of user 1, signed in at at(n), idle for
// three days at most and a week in all.
func newSession(n int) idp.Session {
	return idp.Session{
		ID:       fmt.Sprintf("sess_%024d", n),
		Hash:     idp.TokenHash(fmt.Sprintf("session-cookie-secret-%d", n)),
		UserID:   newUser(1).ID,
		AuthTime: at(n), CreatedAt: at(n), LastSeen: at(n + 1),
		ExpiresAt: at(n + 7*86400), IdleExpiresAt: at(n + 3*86400),
	}
}

// getSession reads a session by the hash its cookie secret has.
func getSession(t *testing.T, s idp.Store, v idp.Session, now time.Time) (idp.Session, error) {
	t.Helper()
	return s.GetSession(t.Context(), v.Hash, now)
}

// wantSession checks the session is stored as want (read at t0).
func wantSession(t *testing.T, s idp.Store, what string, want idp.Session) {
	t.Helper()
	got, err := getSession(t, s, want, t0)
	must(t, err)
	same(t, what, got, want)
}

func testSessionRoundTrip(t *testing.T, s idp.Store) {
	v := newSession(1)
	must(t, s.CreateSession(t.Context(), v))
	wantSession(t, s, "get after create", v)
	_, err := getSession(t, s, newSession(2), t0)
	wantCode(t, err, idp.ENotFound)
	sameID, sameHash := newSession(2), newSession(3)
	sameID.ID, sameHash.Hash = v.ID, v.Hash
	wantCode(t, s.CreateSession(t.Context(), sameID), idp.EConflict)
	wantCode(t, s.CreateSession(t.Context(), sameHash), idp.EConflict)
}

// testSessionExpiry: GetSession hides a session from the first of its
// two expiries on, and one missing either expiry at any time.
func testSessionExpiry(t *testing.T, s idp.Store) {
	idle, absolute := newSession(1), newSession(2) // idle runs out first in 1
	absolute.IdleExpiresAt = absolute.ExpiresAt.Add(time.Hour)
	noIdle, noEnd := newSession(3), newSession(4)
	noIdle.IdleExpiresAt, noEnd.ExpiresAt = time.Time{}, time.Time{}
	for _, v := range []idp.Session{idle, absolute, noIdle, noEnd} {
		must(t, s.CreateSession(t.Context(), v))
	}
	for _, c := range []struct {
		v   idp.Session
		end time.Time
	}{{idle, idle.IdleExpiresAt}, {absolute, absolute.ExpiresAt}} {
		got, err := getSession(t, s, c.v, c.end.Add(-time.Millisecond))
		must(t, err)
		same(t, "session just before expiry", got, c.v)
		_, err = getSession(t, s, c.v, c.end)
		wantCode(t, err, idp.ENotFound)
	}
	for _, v := range []idp.Session{noIdle, noEnd} {
		_, err := getSession(t, s, v, t0)
		wantCode(t, err, idp.ENotFound)
	}
}

func testSessionDeleteUser(t *testing.T, s idp.Store) {
	mine, other := newSession(1), newSession(3)
	other.UserID = newUser(2).ID
	for _, v := range []idp.Session{mine, newSession(2), other} {
		must(t, s.CreateSession(t.Context(), v))
	}
	must(t, s.DeleteUserSessions(t.Context(), newUser(1).ID))
	for _, v := range []idp.Session{mine, newSession(2)} {
		_, err := getSession(t, s, v, t0)
		wantCode(t, err, idp.ENotFound)
	}
	wantSession(t, s, "other user's session", other)
	must(t, s.DeleteUserSessions(t.Context(), newUser(9).ID)) // none: no error
}
