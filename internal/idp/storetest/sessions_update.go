package storetest

import (
	"errors"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// touch changes every field of a session but its id: a re-authentication
// with a new cookie secret, seen later.
func touch(v *idp.Session) {
	v.Hash = idp.TokenHash("rotated-session-cookie-secret")
	v.UserID = newUser(2).ID
	v.AuthTime, v.CreatedAt, v.LastSeen = at(100), at(2), at(101)
	v.ExpiresAt, v.IdleExpiresAt = at(200_000), at(100_000)
}

// testSessionUpdate: the updater sees the stored session; the new hash
// finds it, the old one no longer does, and a change of id is ignored.
func testSessionUpdate(t *testing.T, s idp.Store) {
	old := newSession(1)
	must(t, s.CreateSession(t.Context(), old))
	want := old
	touch(&want)
	var seen idp.Session
	got, err := s.UpdateSession(t.Context(), old.ID, func(v *idp.Session) error {
		seen = clone(*v)
		touch(v)
		v.ID = newSession(2).ID
		return nil
	})
	must(t, err)
	same(t, "value passed to the updater", seen, old)
	same(t, "update result", got, want)
	wantSession(t, s, "get by the new hash", want)
	_, err = getSession(t, s, old, t0)
	wantCode(t, err, idp.ENotFound)
	// The id stayed: deleting by it removes the session.
	must(t, s.DeleteSession(t.Context(), old.ID))
	_, err = getSession(t, s, want, t0)
	wantCode(t, err, idp.ENotFound)
}

func testSessionUpdateAborts(t *testing.T, s idp.Store) {
	old := newSession(1)
	must(t, s.CreateSession(t.Context(), old))
	boom := errors.New("boom")
	_, err := s.UpdateSession(t.Context(), old.ID, func(v *idp.Session) error { touch(v); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("update error = %v, want the updater's error", err)
	}
	wantSession(t, s, "get after aborted update", old)
}

// testSessionHashTaken: moving a session to another's hash is EConflict
// and changes nothing.
func testSessionHashTaken(t *testing.T, s idp.Store) {
	a, b := newSession(1), newSession(2)
	must(t, s.CreateSession(t.Context(), a))
	must(t, s.CreateSession(t.Context(), b))
	_, err := s.UpdateSession(t.Context(), b.ID, func(v *idp.Session) error { v.Hash = a.Hash; return nil })
	wantCode(t, err, idp.EConflict)
	wantSession(t, s, "first session", a)
	wantSession(t, s, "second session", b)
}

func testSessionNotFound(t *testing.T, s idp.Store) {
	must(t, s.CreateSession(t.Context(), newSession(1)))
	called := false
	_, err := s.UpdateSession(t.Context(), newSession(2).ID, func(*idp.Session) error { called = true; return nil })
	wantCode(t, err, idp.ENotFound)
	if called {
		t.Fatal("updater called for a missing session")
	}
	wantCode(t, s.DeleteSession(t.Context(), newSession(2).ID), idp.ENotFound)
}

func testSessionDelete(t *testing.T, s idp.Store) {
	a, b := newSession(1), newSession(2)
	must(t, s.CreateSession(t.Context(), a))
	must(t, s.CreateSession(t.Context(), b))
	must(t, s.DeleteSession(t.Context(), a.ID))
	_, err := getSession(t, s, a, t0)
	wantCode(t, err, idp.ENotFound)
	wantCode(t, s.DeleteSession(t.Context(), a.ID), idp.ENotFound)
	wantSession(t, s, "the other session", b)
	must(t, s.CreateSession(t.Context(), a)) // its id and hash are free again
}
