package postgres

import (
	"context"
	"sync"
	"testing"
)

// TestMigrateConcurrent: replicas starting at once on one database apply
// each migration once, and reopening applies nothing.
func TestMigrateConcurrent(t *testing.T) {
	cfg := freshSchema(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s, err := openConfig(context.Background(), cfg.Copy())
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := openConfigT(t, cfg)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var n, distinct int
	err = s.pool.QueryRow(t.Context(),
		`SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&n, &distinct)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || distinct != len(ms) {
		t.Fatalf("schema_migrations has %d rows (%d versions), want %d", n, distinct, len(ms))
	}
}

func TestMigrationsNamed(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if m.version != i+1 {
			t.Fatalf("migration %s has version %d, want %d (no gaps)", m.name, m.version, i+1)
		}
	}
}
