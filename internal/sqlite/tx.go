package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// querier is what a transaction and the prepared-statement caches share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader returns where plain reads go: Atomic's transaction, or else the
// read pool through prepared statements.
func (s *Store) reader() querier {
	if s.tx != nil {
		return s.tx
	}
	return s.stmts
}

// writer returns where single-statement writes go: Atomic's transaction,
// or else the write connection in autocommit mode, through prepared
// statements.
func (s *Store) writer() querier {
	if s.tx != nil {
		return s.tx
	}
	return s.wstmts
}

// inTx runs fn in the write transaction: Atomic's, or a new one that is
// committed when fn returns nil (or a committed error) and rolled back
// otherwise, even if fn panics. After a commit it prepares the statements
// the transaction ran unprepared (see txn).
func (s *Store) inTx(ctx context.Context, fn func(tx *txn) error) error {
	if s.tx != nil {
		return unwrapCommitted(fn(s.tx))
	}
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	tx := &txn{Tx: sqlTx, stmts: s.wstmts}
	defer tx.Rollback() // a no-op after Commit
	err = fn(tx)
	var c committed
	if err != nil && !errors.As(err, &c) {
		return err
	}
	if cerr := tx.Commit(); cerr != nil {
		return fmt.Errorf("sqlite: commit: %w", cerr)
	}
	s.wstmts.prepare(ctx, tx.missed) // the write connection is free again
	return unwrapCommitted(err)
}

// committed carries an error whose transaction must still commit: a
// refresh-token reuse is refused, but the family's revocation stands.
type committed struct{ err error }

func (c committed) Error() string { return c.err.Error() }

func unwrapCommitted(err error) error {
	var c committed
	if errors.As(err, &c) {
		return c.err
	}
	return err
}

// update is the read-modify-write of every Update method: get the current
// value, let fn change it, put it back, all in one write transaction. fn's
// error is returned as is.
func update[T any](ctx context.Context, s *Store, fn func(*T) error,
	get func(*txn) (T, error), put func(*txn, T) error) (T, error) {
	var v T
	err := s.inTx(ctx, func(tx *txn) error {
		var err error
		if v, err = get(tx); err != nil {
			return err
		}
		if err := fn(&v); err != nil {
			return err
		}
		return put(tx, v)
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// keepID wraps an updater so that the value written keeps its id whatever
// fn does to the field idOf points at.
func keepID[T any](id string, fn func(*T) error, idOf func(*T) *string) func(*T) error {
	return func(v *T) error {
		err := fn(v)
		*idOf(v) = id
		return err
	}
}
