package postgres

import (
	"context"
	"time"
)

// codeGrace is how long past its expiry an authorization code is kept, so
// that a replay just after expiry, or on a replica whose clock lags, still
// finds the used code and is told EConflict rather than ENotFound.
const codeGrace = 5 * time.Minute

// PurgeExpired deletes expired transactions and sessions, authorization
// codes expired codeGrace or more before now, refresh tokens whose
// absolute expiry has passed, and attempt buckets refilled to their max
// (at the rate last used), which are the same as unknown ones. A NULL
// (zero) expiry counts as expired, except a refresh token's, which means
// it never expires. Each DELETE commits on its own, so a large purge holds
// no lock for long.
func (s *Store) PurgeExpired(ctx context.Context, now time.Time) error {
	purges := []struct {
		sql string
		at  time.Time
	}{
		{`DELETE FROM transactions WHERE expires_at IS NULL OR expires_at <= $1`, now},
		{`DELETE FROM sessions WHERE expires_at IS NULL OR idle_expires_at IS NULL
			OR expires_at <= $1 OR idle_expires_at <= $1`, now},
		{`DELETE FROM auth_codes WHERE expires_at IS NULL OR expires_at <= $1`, now.Add(-codeGrace)},
		{`DELETE FROM refresh_tokens WHERE expires_at <= $1`, now},
		{`DELETE FROM attempt_buckets WHERE full_at <= $1`, now},
	}
	for _, p := range purges {
		if _, err := s.db.Exec(ctx, p.sql, p.at); err != nil {
			return mapErr(err, "expired rows")
		}
	}
	return nil
}
