package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var _ idp.Store = (*Store)(nil)

// Store is an idp.Store on one SQLite database.
type Store struct {
	write  *sql.DB    // one connection: SQLite has one writer anyway
	read   *sql.DB    // the read pool; write itself for ":memory:"
	stmts  *stmtCache // on read
	wstmts *stmtCache // on write; stmts itself for ":memory:"
	tx     *txn       // set on the Store that Atomic hands to fn
}

// Connection settings. WAL lets readers run beside the writer;
// synchronous=NORMAL is durable in WAL mode but for the last transactions
// before a power loss. The busy timeout covers other processes on the file.
const (
	writeParams = "_busy_timeout=10000&_foreign_keys=1&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"
	readParams  = "_busy_timeout=10000&_query_only=1"
)

// Open opens (creating if needed) the database at path, a file path or
// ":memory:", and applies any pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	s, err := openPools(path)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openPools(path string) (*Store, error) {
	if path == ":memory:" {
		db, err := sql.Open("sqlite", "file::memory:?_foreign_keys=1&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
		db.SetMaxOpenConns(1) // the database lives and dies with its connection
		c := newStmtCache(db)
		return &Store{write: db, read: db, stmts: c, wstmts: c}, nil
	}
	uri := "file:" + escapePath(filepath.Clean(path)) + "?"
	w, err := sql.Open("sqlite", uri+writeParams)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", uri+readParams)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	// Keep readers open: a new connection re-runs its pragmas and
	// re-prepares every statement.
	n := max(4, 2*runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &Store{write: w, read: r, stmts: newStmtCache(r), wstmts: newStmtCache(w)}, nil
}

// escapePath keeps a file name from being read as URI syntax.
func escapePath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// Close closes the database. On the Store given to Atomic's fn it does
// nothing: the transaction belongs to Atomic.
func (s *Store) Close() error {
	if s.tx != nil {
		return nil
	}
	err := s.stmts.close()
	if s.read != s.write {
		err = errors.Join(err, s.wstmts.close(), s.read.Close())
	}
	return errors.Join(err, s.write.Close())
}

// Ping checks the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.reader().QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// Atomic runs fn with a Store bound to one write transaction, committed if
// fn returns nil. Inside fn, a nested Atomic joins the same transaction.
func (s *Store) Atomic(ctx context.Context, fn func(idp.Store) error) error {
	if s.tx != nil {
		return fn(s)
	}
	return s.inTx(ctx, func(tx *txn) error {
		bound := *s
		bound.tx = tx
		return fn(&bound)
	})
}
