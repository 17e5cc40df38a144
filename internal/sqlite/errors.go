package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gatehouse/gatehouse/internal/idp"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dbErr maps a database error about entity ("user", "client", …) to the
// idp codes: a missing row is ENotFound, a unique-key clash EConflict.
// Anything else is a broken database, returned as a plain error.
func dbErr(err error, entity string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(entity)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return idp.Errorf(idp.EConflict, "The %s already exists.", entity)
		}
	}
	return fmt.Errorf("sqlite: %s: %w", entity, err)
}

func notFound(entity string) error {
	return idp.Errorf(idp.ENotFound, "The %s does not exist.", entity)
}

// execOne runs a statement that must change a row; none changed is
// ENotFound.
func execOne(ctx context.Context, q querier, entity, query string, args ...any) error {
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return dbErr(err, entity)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return dbErr(err, entity)
	}
	if n == 0 {
		return notFound(entity)
	}
	return nil
}
