// Package sqlite is the SQLite implementation of idp.Store, on the pure-Go
// driver modernc.org/sqlite (no cgo).
//
// A file database runs in WAL mode with two pools: one write connection,
// whose transactions begin IMMEDIATE so that writers queue on SQLite's lock
// (busy_timeout) instead of failing with SQLITE_BUSY on upgrade, and a
// read pool whose queries are prepared once and never wait for writers.
// ":memory:" is one connection serving both, since a private in-memory
// database exists only inside its connection. Write statements too are
// prepared once on the write connection and reused by every transaction
// (Tx.StmtContext); a query's first run is unprepared, and it is prepared
// after its transaction commits, when the connection is free.
//
// Every write method runs in one transaction; Update* methods read, call
// the updater and write back inside it. Updaters and Atomic's fn must use
// only the Store they are given (inside Atomic) or no store at all: the
// single write connection is busy while they run.
//
// ConsumeAuthCode reads and marks the code inside one write transaction,
// so concurrent exchanges queue and only the first finds it unused.
// PurgeExpired keeps authorization codes 5 minutes past their expiry, so
// a late replay is still recognised.
//
// Schema changes are the numbered files in migrations/, applied at Open.
package sqlite
