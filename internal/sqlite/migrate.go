package sqlite

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migration is one numbered file of migrations/, "0001_init.sql".
type migration struct {
	version int
	name    string
}

// migrate applies, in order, every migration not yet recorded in
// schema_migrations, each in its own transaction with its record. The
// write transaction is IMMEDIATE, so two processes opening one file at
// once apply each migration once.
func (s *Store) migrate(ctx context.Context) error {
	all, err := listMigrations()
	if err != nil {
		return err
	}
	return s.apply(ctx, all)
}

// apply applies the pending migrations of ms; tests apply a prefix to
// build a database as an older release left it.
func (s *Store) apply(ctx context.Context, ms []migration) error {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrations table: %w", err)
	}
	for _, m := range ms {
		if err := s.inTx(ctx, func(tx *txn) error { return applyMigration(ctx, tx, m) }); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", m.name, err)
		}
	}
	return nil
}

func listMigrations() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var all []migration
	for _, n := range names { // fs.Glob returns them sorted
		base := strings.TrimPrefix(n, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("sqlite: migration %s: no version number", base)
		}
		all = append(all, migration{version: v, name: base})
	}
	return all, nil
}

func applyMigration(ctx context.Context, tx *txn, m migration) error {
	var done int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&done)
	if err != nil || done > 0 {
		return err
	}
	body, err := migrations.ReadFile("migrations/" + m.name)
	if err != nil {
		return err
	}
	// The script runs once: not through the statement cache.
	if _, err := tx.Tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, time.Now().UnixMicro())
	return err
}
