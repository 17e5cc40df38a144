package storetest

import (
	"errors"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func atomicTests() []test {
	return []test{
		{"Atomic/Commit", testAtomicCommit},
		{"Atomic/Rollback", testAtomicRollback},
		{"Atomic/RollbackOnStoreError", testAtomicStoreError},
		{"Atomic/UpdaterUsesTx", testAtomicUpdater},
		{"Update/RaceNoLostUpdate", testUpdateRace},
		{"Ping", func(t *testing.T, s idp.Store) { must(t, s.Ping(t.Context())) }},
	}
}

func testAtomicCommit(t *testing.T, s idp.Store) {
	err := s.Atomic(t.Context(), func(tx idp.Store) error {
		if err := tx.CreateUser(t.Context(), newUser(1)); err != nil {
			return err
		}
		// Reads inside the transaction see its writes.
		if _, err := tx.GetUser(t.Context(), newUser(1).ID); err != nil {
			return err
		}
		return tx.CreateClient(t.Context(), newClient(1))
	})
	must(t, err)
	_, err = s.GetUser(t.Context(), newUser(1).ID)
	must(t, err)
	_, err = s.GetClient(t.Context(), newClient(1).ID)
	must(t, err)
}

func testAtomicRollback(t *testing.T, s idp.Store) {
	must(t, s.CreateRole(t.Context(), newRole(1)))
	boom := errors.New("boom")
	err := s.Atomic(t.Context(), func(tx idp.Store) error {
		must(t, tx.CreateUser(t.Context(), newUser(1)))
		must(t, tx.CreateClient(t.Context(), newClient(1)))
		must(t, tx.DeleteRole(t.Context(), newRole(1).ID))
		_, err := tx.UpdateTenant(t.Context(), func(v *idp.Tenant) error { v.FriendlyName = "x"; return nil })
		must(t, err)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Atomic error = %v, want fn's error", err)
	}
	wantRolledBack(t, s)
}

// wantRolledBack checks the writes of a rolled-back transaction are gone.
func wantRolledBack(t *testing.T, s idp.Store) {
	t.Helper()
	_, err := s.GetUser(t.Context(), newUser(1).ID)
	wantCode(t, err, idp.ENotFound)
	_, err = s.GetClient(t.Context(), newClient(1).ID)
	wantCode(t, err, idp.ENotFound)
	_, err = s.GetRole(t.Context(), newRole(1).ID)
	must(t, err)
	tenant, err := s.GetTenant(t.Context())
	must(t, err)
	same(t, "tenant after rollback", tenant, idp.DefaultTenant())
}

// testAtomicStoreError: a conflict inside the transaction, returned by fn,
// undoes the writes before it; the store stays usable.
func testAtomicStoreError(t *testing.T, s idp.Store) {
	must(t, s.CreateRole(t.Context(), newRole(1)))
	clash := newRole(2)
	clash.Name = newRole(1).Name
	err := s.Atomic(t.Context(), func(tx idp.Store) error {
		must(t, tx.CreateUser(t.Context(), newUser(1)))
		must(t, tx.CreateClient(t.Context(), newClient(1)))
		return tx.CreateRole(t.Context(), clash)
	})
	wantCode(t, err, idp.EConflict)
	wantRolledBack(t, s)
	must(t, s.CreateUser(t.Context(), newUser(1)))
}

// testAtomicUpdater: an updater run inside Atomic may call the
// transaction's store.
func testAtomicUpdater(t *testing.T, s idp.Store) {
	must(t, s.CreateUser(t.Context(), newUser(1)))
	must(t, s.CreateClient(t.Context(), newClient(1)))
	err := s.Atomic(t.Context(), func(tx idp.Store) error {
		_, err := tx.UpdateUser(t.Context(), newUser(1).ID, func(u *idp.User) error {
			c, err := tx.GetClient(t.Context(), newClient(1).ID)
			if err != nil {
				return err
			}
			u.Nickname = c.Name
			return tx.CreateRole(t.Context(), newRole(1))
		})
		return err
	})
	must(t, err)
	u, err := s.GetUser(t.Context(), newUser(1).ID)
	must(t, err)
	if u.Nickname != newClient(1).Name {
		t.Fatalf("nickname %q, want %q", u.Nickname, newClient(1).Name)
	}
	_, err = s.GetRole(t.Context(), newRole(1).ID)
	must(t, err)
}

// testUpdateRace: concurrent read-modify-writes lose no update.
func testUpdateRace(t *testing.T, s idp.Store) {
	must(t, s.CreateUser(t.Context(), newUser(1)))
	const n = 8
	errs := race(n, func(int) error {
		_, err := s.UpdateUser(t.Context(), newUser(1).ID, func(u *idp.User) error {
			u.LoginsCount++
			return nil
		})
		return err
	})
	if got := codes(errs); got[""] != n {
		t.Fatalf("outcomes %v, want %d successes", got, n)
	}
	u, err := s.GetUser(t.Context(), newUser(1).ID)
	must(t, err)
	if want := newUser(1).LoginsCount + n; u.LoginsCount != want {
		t.Fatalf("LoginsCount %d after %d concurrent increments, want %d", u.LoginsCount, n, want)
	}
}
