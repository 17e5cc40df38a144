package sqlite_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

func mustOpen(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := sqlite.Open(t.Context(), ""); err == nil {
		t.Fatal("Open(\"\") succeeded")
	}
}

// TestReopen: data survives a reopen and migrations are applied once.
func TestReopen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "odd ?#% name.db")
	s := mustOpen(t, path)
	if err := s.CreateRole(t.Context(), idp.Role{ID: "rol_1", Name: "admin"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = mustOpen(t, path)
	if _, err := s.GetRole(t.Context(), "rol_1"); err != nil {
		t.Fatalf("after reopen: %v", err)
	}
	db, err := sql.Open("sqlite", "file:"+dir+"/odd%20%3f%23%25%20name.db?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, version int
	if err := db.QueryRow("SELECT count(*), max(version) FROM schema_migrations").Scan(&n, &version); err != nil {
		t.Fatal(err)
	}
	if n != version || n < 1 {
		t.Fatalf("schema_migrations has %d rows up to version %d", n, version)
	}
}

// TestMemoryIsolated: each ":memory:" store is its own database.
func TestMemoryIsolated(t *testing.T) {
	a, b := mustOpen(t, ":memory:"), mustOpen(t, ":memory:")
	if err := a.CreateRole(t.Context(), idp.Role{ID: "rol_1", Name: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.GetRole(t.Context(), "rol_1"); !idp.IsNotFound(err) {
		t.Fatalf("second memory store sees the first's role: %v", err)
	}
}

// TestTwoProcesses: two Stores on one file (as two processes would be)
// race on one email; SQLite's lock, not SQLITE_BUSY, decides.
func TestTwoProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	stores := []*sqlite.Store{mustOpen(t, path), mustOpen(t, path)}
	const n = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			u := idp.User{ID: fmt.Sprintf("auth0|%d", i), Connection: "db", Email: "same@example.com"}
			errs[i] = stores[i%2].CreateUser(t.Context(), u)
		})
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		switch idp.ErrorCode(err) {
		case "":
			wins++
		case idp.EConflict:
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	if wins != 1 {
		t.Fatalf("%d creations succeeded, want 1", wins)
	}
}

// TestTwoProcessesUpdate: read-modify-writes from two Stores on one file
// neither fail with SQLITE_BUSY nor lose updates (BEGIN IMMEDIATE).
func TestTwoProcessesUpdate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	stores := []*sqlite.Store{mustOpen(t, path), mustOpen(t, path)}
	u := idp.User{ID: "auth0|1", Connection: "db", Email: "a@example.com"}
	if err := stores[0].CreateUser(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	const n = 16
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := stores[i%2].UpdateUser(t.Context(), u.ID, func(u *idp.User) error {
				u.LoginsCount++
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, err := stores[1].GetUser(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LoginsCount != n {
		t.Fatalf("LoginsCount = %d after %d updates", got.LoginsCount, n)
	}
}
