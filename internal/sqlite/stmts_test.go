package sqlite

import (
	"path/filepath"
	"testing"
)

// TestTxReusesStatements: a write transaction's query is prepared once
// the transaction commits, and later transactions run it prepared, on a
// file (separate read pool) and in ":memory:" (one shared connection).
func TestTxReusesStatements(t *testing.T) {
	for _, path := range []string{":memory:", filepath.Join(t.TempDir(), "db")} {
		s, err := Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		const q = "INSERT INTO roles (id, name, description, permissions) VALUES (?, ?, '', '[]')"
		var missed []int
		for _, id := range []string{"rol_1", "rol_2", "rol_3"} {
			err := s.inTx(t.Context(), func(tx *txn) error {
				_, err := tx.ExecContext(t.Context(), q, id, id)
				missed = append(missed, len(tx.missed))
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}
		roles, err := s.ListRoles(t.Context())
		if len(missed) != 3 || missed[0] != 1 || missed[1] != 0 || missed[2] != 0 || len(roles) != 3 {
			t.Fatalf("%s: unprepared runs %v, roles %d (%v); want [1 0 0] and 3", path, missed, len(roles), err)
		}
	}
}
