package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// stmtCache prepares each query once on one pool (database/sql re-prepares
// per connection as needed), saving SQLite's parse and plan on hot paths
// such as the token endpoint's client lookups. The store keeps one on the
// read pool and one on the write connection, whose statements transactions
// reuse through txn.
type stmtCache struct {
	db *sql.DB
	m  sync.Map // query -> *sql.Stmt
}

func newStmtCache(db *sql.DB) *stmtCache { return &stmtCache{db: db} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.m.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := c.m.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// QueryRowContext runs a prepared query; if preparing fails, the plain
// query reports the error through the returned row.
func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// QueryContext runs a prepared query.
func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// ExecContext runs a prepared statement.
func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// cached returns the statement of query if it is already prepared.
func (c *stmtCache) cached(query string) (*sql.Stmt, bool) {
	st, ok := c.m.Load(query)
	if !ok {
		return nil, false
	}
	return st.(*sql.Stmt), true
}

// prepare prepares queries for later calls. A failure is left for the
// query's next run to report.
func (c *stmtCache) prepare(ctx context.Context, queries []string) {
	for _, q := range queries {
		c.stmt(ctx, q)
	}
}

func (c *stmtCache) close() error {
	var err error
	c.m.Range(func(_, st any) bool {
		err = errors.Join(err, st.(*sql.Stmt).Close())
		return true
	})
	return err
}

// txn is a write transaction whose statements reuse those the write
// connection has prepared: Tx.StmtContext finds a statement already
// prepared on the transaction's connection. Without it every transaction
// (a login's UpdateUser, say) parsed and planned its SQL again, about a
// third of the store's CPU on the password grant.
//
// A query not prepared yet runs unprepared and is prepared once the
// transaction is over: preparing it on the pool now would wait for the
// one write connection, which this transaction holds.
type txn struct {
	*sql.Tx
	stmts  *stmtCache // of the write connection
	missed []string   // to prepare after the transaction
}

// stmt returns the transaction's copy of query's prepared statement, or
// nil if query is not prepared yet.
func (t *txn) stmt(ctx context.Context, query string) *sql.Stmt {
	st, ok := t.stmts.cached(query)
	if !ok {
		t.missed = append(t.missed, query)
		return nil
	}
	return t.StmtContext(ctx, st)
}

// ExecContext runs query in the transaction.
func (t *txn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

// QueryContext runs query in the transaction.
func (t *txn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query in the transaction.
func (t *txn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}
