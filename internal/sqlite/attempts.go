package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// The bucket arithmetic is SQL so that a take is one upsert: atomic on its
// own, since SQLite has one writer at a time, and part of Atomic's
// transaction through writer(). Parameters: ?1 key, ?2 max, ?3 now in
// micros, ?4 the rate in micros as a REAL, so that divisions keep fractions.

// refilled is what the stored bucket holds at ?3: what it held plus what
// the time since regained, capped at ?2 (a lowered max applies at once).
// A clock that went back regains nothing.
const refilled = `min(?2, held + max(0, ?3 - held_at) / ?4)`

// takeSQL starts an unknown bucket full less one, and takes one from a
// known bucket only if, refilled, it holds one; otherwise no row comes
// back. held_at never goes back, so time behind a lagging replica's clock
// is not regained twice. full_at rounds up: a bucket is purged only once full.
const takeSQL = `INSERT INTO attempt_buckets (key, held, held_at, full_at)
	VALUES (?1, ?2 - 1, ?3, ?3 + CAST(ceil(?4) AS INTEGER))
	ON CONFLICT (key) DO UPDATE SET held = ` + refilled + ` - 1,
		held_at = max(held_at, ?3),
		full_at = max(held_at, ?3) + CAST(ceil((?2 - ` + refilled + ` + 1) * ?4) AS INTEGER)
	WHERE ` + refilled + ` >= 1
	RETURNING held`

// TakeAttempt refills bucket key to now and takes one attempt from it, in
// one statement. A max below one holds nothing to take, and is not stored.
func (s *Store) TakeAttempt(ctx context.Context, key string, max int, every time.Duration, now time.Time) (bool, error) {
	if err := checkRate(every); err != nil || max < 1 {
		return false, err
	}
	var held float64
	err := s.writer().QueryRowContext(ctx, takeSQL, key, max, micros(now), usec(every)).Scan(&held)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, dbErr(err, "attempt bucket")
}

// AttemptsLeft returns what bucket key holds at now: max if unknown.
func (s *Store) AttemptsLeft(ctx context.Context, key string, max int, every time.Duration, now time.Time) (float64, error) {
	if err := checkRate(every); err != nil {
		return 0, err
	}
	var left float64
	err := s.reader().QueryRowContext(ctx, `SELECT `+refilled+` FROM attempt_buckets WHERE key = ?1`,
		key, max, micros(now), usec(every)).Scan(&left)
	if errors.Is(err, sql.ErrNoRows) {
		return float64(max), nil
	}
	return left, dbErr(err, "attempt bucket")
}

// ClearAttempts deletes bucket key.
func (s *Store) ClearAttempts(ctx context.Context, key string) error {
	_, err := s.writer().ExecContext(ctx, `DELETE FROM attempt_buckets WHERE key = ?`, key)
	return dbErr(err, "attempt bucket")
}

// checkRate refuses a rate that is not positive: a bucket would regain
// attempts without end (or divide by zero).
func checkRate(every time.Duration) error {
	if every <= 0 {
		return idp.Errorf(idp.EInvalid, "The attempt rate must be positive, not %v.", every)
	}
	return nil
}

// usec is d in microseconds, the unit of time columns, with fractions.
func usec(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
