package postgres

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgtype"
)

const failureCols = `user_id, ip, count, last_failed`

func scanFailures(r scanner) (idp.LoginFailures, error) {
	var f idp.LoginFailures
	var last pgtype.Timestamptz
	err := r.Scan(&f.UserID, &f.IP, &f.Count, &last)
	f.LastFailed = tsOut(last)
	return f, err
}

// RecordLoginFailure adds one failure and returns the new count; the
// upsert is one statement, so concurrent failures are all counted.
func (s *Store) RecordLoginFailure(ctx context.Context, userID, ip string, now time.Time) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `INSERT INTO login_failures (`+failureCols+`) VALUES ($1, $2, 1, $3)
		ON CONFLICT (user_id, ip) DO UPDATE SET count = login_failures.count + 1,
		last_failed = EXCLUDED.last_failed RETURNING count`, userID, ip, tsIn(now)).Scan(&n)
	return n, mapErr(err, "login failures")
}

// GetLoginFailures returns the counter of userID from ip; a zero count if none.
func (s *Store) GetLoginFailures(ctx context.Context, userID, ip string) (idp.LoginFailures, error) {
	f, err := getOne(ctx, s.db, scanFailures, "login failures",
		`SELECT `+failureCols+` FROM login_failures WHERE user_id = $1 AND ip = $2`, userID, ip)
	if idp.IsNotFound(err) {
		return idp.LoginFailures{UserID: userID, IP: ip}, nil
	}
	return f, err
}

// ClearLoginFailures removes the counter of ip, or of every IP when ip is "".
func (s *Store) ClearLoginFailures(ctx context.Context, userID, ip string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM login_failures WHERE user_id = $1 AND ($2 = '' OR ip = $2)`,
		userID, ip)
	return mapErr(err, "login failures")
}

// ListLoginFailures returns the user's counters by IP.
func (s *Store) ListLoginFailures(ctx context.Context, userID string) ([]idp.LoginFailures, error) {
	return list(ctx, s.db, scanFailures, "login failures", `SELECT `+failureCols+`
		FROM login_failures WHERE user_id = $1 ORDER BY ip COLLATE "C"`, userID)
}
