package sqlite

import (
	"context"
	"time"
)

// codeGrace is how long past its expiry an authorization code is kept, so
// that a replay just after expiry, or on a replica whose clock lags, still
// finds the used code and is told EConflict rather than ENotFound.
const codeGrace = 5 * time.Minute

// purges are PurgeExpired's statements; ?1 is now and ?2 now-codeGrace.
// A NULL (zero) expiry counts as expired, except a refresh token's, which
// means it never expires.
var purges = []string{
	"DELETE FROM transactions WHERE expires_at IS NULL OR expires_at <= ?1",
	`DELETE FROM sessions WHERE expires_at IS NULL OR idle_expires_at IS NULL
		OR expires_at <= ?1 OR idle_expires_at <= ?1`,
	"DELETE FROM auth_codes WHERE expires_at IS NULL OR expires_at <= ?2",
	"DELETE FROM refresh_tokens WHERE expires_at <= ?1",
	"DELETE FROM attempt_buckets WHERE full_at <= ?1",
}

// PurgeExpired deletes expired transactions and sessions, authorization
// codes expired codeGrace or more before now, refresh tokens whose
// absolute expiry has passed, and attempt buckets refilled to their max
// (at the rate last used), which are the same as unknown ones, in one
// write transaction.
func (s *Store) PurgeExpired(ctx context.Context, now time.Time) error {
	return s.inTx(ctx, func(tx *txn) error {
		for _, q := range purges {
			if _, err := tx.ExecContext(ctx, q, micros(now), micros(now.Add(-codeGrace))); err != nil {
				return dbErr(err, "expired rows")
			}
		}
		return nil
	})
}
