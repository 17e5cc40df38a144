package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5"
)

// The bucket arithmetic is SQL so that a take is one upsert: ON CONFLICT
// DO UPDATE locks the row and evaluates its WHERE on the latest version,
// so concurrent takes queue on the bucket and none is lost or doubled,
// first take included. Parameters: $1 key, $2 max, $3 now, $4 the rate in
// microseconds (float8, so that divisions keep fractions).

// refilled is what the stored bucket b holds at $3: what it held plus what
// the time since regained, capped at $2 (a lowered max applies at once).
// A clock that went back regains nothing. The epoch is multiplied while
// still numeric, so whole microseconds stay exact.
const refilled = `least($2::float8, b.held + greatest(0,
	(extract(epoch from $3::timestamptz - b.held_at) * 1000000)::float8) / $4::float8)`

// takeSQL starts an unknown bucket full less one, and takes one from a
// known bucket only if, refilled, it holds one; otherwise no row comes
// back. held_at never goes back, so time behind a lagging replica's clock
// is not regained twice. full_at rounds up: a bucket is purged only once full.
const takeSQL = `INSERT INTO attempt_buckets AS b (key, held, held_at, full_at)
	VALUES ($1, $2::float8 - 1, $3::timestamptz, $3::timestamptz + ceil($4::float8) * interval '1 microsecond')
	ON CONFLICT (key) DO UPDATE SET held = ` + refilled + ` - 1,
		held_at = greatest(b.held_at, $3::timestamptz),
		full_at = greatest(b.held_at, $3::timestamptz)
			+ ceil(($2::float8 - ` + refilled + ` + 1) * $4::float8) * interval '1 microsecond'
	WHERE ` + refilled + ` >= 1
	RETURNING b.held`

// TakeAttempt refills bucket key to now and takes one attempt from it, in
// one statement. A max below one holds nothing to take, and is not stored.
func (s *Store) TakeAttempt(ctx context.Context, key string, max int, every time.Duration, now time.Time) (bool, error) {
	if err := checkRate(every); err != nil || max < 1 {
		return false, err
	}
	var held float64
	err := s.db.QueryRow(ctx, takeSQL, key, float64(max), tsIn(now), usec(every)).Scan(&held)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, mapErr(err, "attempt bucket")
}

// AttemptsLeft returns what bucket key holds at now: max if unknown.
func (s *Store) AttemptsLeft(ctx context.Context, key string, max int, every time.Duration, now time.Time) (float64, error) {
	if err := checkRate(every); err != nil {
		return 0, err
	}
	var left float64
	err := s.db.QueryRow(ctx, `SELECT `+refilled+` FROM attempt_buckets b WHERE key = $1`,
		key, float64(max), tsIn(now), usec(every)).Scan(&left)
	if errors.Is(err, pgx.ErrNoRows) {
		return float64(max), nil
	}
	return left, mapErr(err, "attempt bucket")
}

// ClearAttempts deletes bucket key.
func (s *Store) ClearAttempts(ctx context.Context, key string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM attempt_buckets WHERE key = $1`, key)
	return mapErr(err, "attempt bucket")
}

// checkRate refuses a rate that is not positive: a bucket would regain
// attempts without end (or divide by zero).
func checkRate(every time.Duration) error {
	if every <= 0 {
		return idp.Errorf(idp.EInvalid, "The attempt rate must be positive, not %v.", every)
	}
	return nil
}

// usec is d in microseconds, the unit of timestamptz, with fractions.
func usec(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
