package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/postgres"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

// openStore opens PostgreSQL when a database URL is given, else the
// embedded SQLite database in the data directory.
func openStore(ctx context.Context, o *options) (idp.Store, error) {
	if err := os.MkdirAll(o.data, 0o700); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	if o.database != "" {
		st, err := postgres.Open(ctx, o.database)
		if err != nil {
			return nil, fmt.Errorf("opening PostgreSQL: %w", err)
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, filepath.Join(o.data, "gatehouse.db"))
	if err != nil {
		return nil, fmt.Errorf("opening SQLite: %w", err)
	}
	return st, nil
}
