package postgres

import (
	"context"
	"fmt"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

var _ idp.Store = (*Store)(nil)

// querier is what both the pool and a transaction offer; Begin on a
// transaction opens a savepoint, so store methods nest inside Atomic.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Store is the PostgreSQL idp.Store. It is safe for concurrent use, except
// the Store that Atomic passes to its fn, which is bound to one transaction.
type Store struct {
	pool *pgxpool.Pool // nil when bound to a transaction
	db   querier
}

// Open connects to the database at dsn (a pgx connection string) and
// applies any pending migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse dsn: %w", err)
	}
	return openConfig(ctx, cfg)
}

func openConfig(ctx context.Context, cfg *pgxpool.Config) (*Store, error) {
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool, db: pool}, nil
}

// Atomic runs fn with a Store bound to one transaction, committed if fn
// returns nil. A nested Atomic uses a savepoint.
func (s *Store) Atomic(ctx context.Context, fn func(idp.Store) error) error {
	return pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		return fn(&Store{db: tx})
	})
}

// Ping checks the database is reachable.
func (s *Store) Ping(ctx context.Context) error {
	if s.pool != nil {
		return s.pool.Ping(ctx)
	}
	_, err := s.db.Exec(ctx, "SELECT 1")
	return err
}

// Close closes the pool; on a transaction-bound Store it does nothing.
func (s *Store) Close() error {
	if s.pool != nil {
		s.pool.Close()
	}
	return nil
}

// tx runs fn in a transaction (a savepoint inside Atomic). An error from
// fn is returned unchanged.
func (s *Store) tx(ctx context.Context, fn func(q querier) error) error {
	return pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error { return fn(tx) })
}
