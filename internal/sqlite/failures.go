package sqlite

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func scanFailures(row scanner) (idp.LoginFailures, error) {
	var f idp.LoginFailures
	err := row.Scan(&f.UserID, &f.IP, &f.Count, timeCol{&f.LastFailed})
	return f, dbErr(err, "login failures")
}

// RecordLoginFailure adds one failure of userID from ip at now and
// returns the new count, in one upsert statement.
func (s *Store) RecordLoginFailure(ctx context.Context, userID, ip string, now time.Time) (int, error) {
	var n int
	err := s.writer().QueryRowContext(ctx, `INSERT INTO login_failures (user_id, ip, count, last_failed)
		VALUES (?, ?, 1, ?)
		ON CONFLICT (user_id, ip) DO UPDATE SET count = count + 1, last_failed = excluded.last_failed
		RETURNING count`, userID, ip, micros(now)).Scan(&n)
	return n, dbErr(err, "login failures")
}

// GetLoginFailures returns the counter of userID from ip, zero if none.
func (s *Store) GetLoginFailures(ctx context.Context, userID, ip string) (idp.LoginFailures, error) {
	f, err := scanFailures(s.reader().QueryRowContext(ctx,
		"SELECT user_id, ip, count, last_failed FROM login_failures WHERE user_id = ? AND ip = ?", userID, ip))
	if idp.IsNotFound(err) {
		return idp.LoginFailures{UserID: userID, IP: ip}, nil
	}
	return f, err
}

// ClearLoginFailures removes the counter of one ip, or every counter of
// the user when ip is "".
func (s *Store) ClearLoginFailures(ctx context.Context, userID, ip string) error {
	var err error
	if ip == "" {
		_, err = s.writer().ExecContext(ctx, "DELETE FROM login_failures WHERE user_id = ?", userID)
	} else {
		_, err = s.writer().ExecContext(ctx, "DELETE FROM login_failures WHERE user_id = ? AND ip = ?", userID, ip)
	}
	return dbErr(err, "login failures")
}

// ListLoginFailures returns the user's counters, by IP.
func (s *Store) ListLoginFailures(ctx context.Context, userID string) ([]idp.LoginFailures, error) {
	rows, err := s.reader().QueryContext(ctx,
		"SELECT user_id, ip, count, last_failed FROM login_failures WHERE user_id = ? ORDER BY ip", userID)
	if err != nil {
		return nil, dbErr(err, "login failures")
	}
	return collect(rows, scanFailures)
}
