package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// SQLSTATEs mapped to domain codes.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
)

// scanner is a row about to be read: pgx.Row, pgx.Rows or a CollectableRow.
type scanner interface{ Scan(dest ...any) error }

// mapErr turns "no rows" into ENotFound and constraint violations into
// domain codes naming what; other errors are wrapped for the log.
func mapErr(err error, what string) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pgx.ErrNoRows):
		return idp.Errorf(idp.ENotFound, "%s not found", what)
	case errors.As(err, &pgErr) && pgErr.Code == uniqueViolation:
		return idp.Errorf(idp.EConflict, "%s already exists", what)
	case errors.As(err, &pgErr) && pgErr.Code == foreignKeyViolation:
		return idp.Errorf(idp.ENotFound, "%s refers to a missing entity", what)
	}
	return fmt.Errorf("postgres: %s: %w", what, err)
}

// getOne reads the single row sql selects.
func getOne[T any](ctx context.Context, q querier, scan func(scanner) (T, error), what, sql string, args ...any) (T, error) {
	v, err := scan(q.QueryRow(ctx, sql, args...))
	return v, mapErr(err, what)
}

// list reads every row sql selects; never nil.
func list[T any](ctx context.Context, q querier, scan func(scanner) (T, error), what, sql string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, mapErr(err, what)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (T, error) { return scan(r) })
	if err != nil {
		return nil, mapErr(err, what)
	}
	if out == nil {
		out = []T{}
	}
	return out, nil
}

// exec runs a write that must touch a row: none is ENotFound.
func exec(ctx context.Context, q querier, what, sql string, args ...any) error {
	tag, err := q.Exec(ctx, sql, args...)
	if err != nil {
		return mapErr(err, what)
	}
	if tag.RowsAffected() == 0 {
		return idp.Errorf(idp.ENotFound, "%s not found", what)
	}
	return nil
}

// update is the read-modify-write of every Update method: lock reads the
// row FOR UPDATE, fn changes a copy, write stores it and returns the row
// as stored. An error from fn is returned as is.
func update[T any](ctx context.Context, s *Store, lock func(querier) (T, error), fn func(*T) error, write func(querier, *T) (T, error)) (T, error) {
	var out T
	err := s.tx(ctx, func(q querier) error {
		v, err := lock(q)
		if err != nil {
			return err
		}
		if err := fn(&v); err != nil {
			return err
		}
		out, err = write(q, &v)
		return err
	})
	return out, err
}

// tsIn is the column value of t: NULL for the zero time.
func tsIn(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// tsOut is the time of a column: zero for NULL, else UTC.
func tsOut(t pgtype.Timestamptz) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
