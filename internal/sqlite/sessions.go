package sqlite

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// sessionFields are the columns after id.
const sessionFields = `hash, user_id, auth_time, created_at, last_seen, expires_at, idle_expires_at`

const (
	selectSession = "SELECT id, " + sessionFields + " FROM sessions"
	insertSession = "INSERT INTO sessions (id, " + sessionFields + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
	updateSession = "UPDATE sessions SET (" + sessionFields + ") = (?, ?, ?, ?, ?, ?, ?) WHERE id = ?"
)

func sessionArgs(v idp.Session) []any {
	return []any{v.Hash, v.UserID, micros(v.AuthTime), micros(v.CreatedAt), micros(v.LastSeen),
		micros(v.ExpiresAt), micros(v.IdleExpiresAt)}
}

func scanSession(row scanner) (idp.Session, error) {
	var v idp.Session
	err := row.Scan(&v.ID, &v.Hash, &v.UserID, timeCol{&v.AuthTime}, timeCol{&v.CreatedAt},
		timeCol{&v.LastSeen}, timeCol{&v.ExpiresAt}, timeCol{&v.IdleExpiresAt})
	return v, dbErr(err, "session")
}

// CreateSession stores v; its id and hash must be unused.
func (s *Store) CreateSession(ctx context.Context, v idp.Session) error {
	_, err := s.writer().ExecContext(ctx, insertSession, append([]any{v.ID}, sessionArgs(v)...)...)
	return dbErr(err, "session")
}

// GetSession returns the session whose cookie secret hashes to hash,
// unless either of its expiries is at or before now (or NULL).
func (s *Store) GetSession(ctx context.Context, hash []byte, now time.Time) (idp.Session, error) {
	return scanSession(s.reader().QueryRowContext(ctx,
		selectSession+" WHERE hash = ?1 AND expires_at > ?2 AND idle_expires_at > ?2", hash, micros(now)))
}

// UpdateSession applies fn to the session with id inside one transaction,
// expired or not; the id cannot change, the hash can (to a free one).
func (s *Store) UpdateSession(ctx context.Context, id string, fn func(*idp.Session) error) (idp.Session, error) {
	return update(ctx, s, keepID(id, fn, func(v *idp.Session) *string { return &v.ID }),
		func(tx *txn) (idp.Session, error) {
			return scanSession(tx.QueryRowContext(ctx, selectSession+" WHERE id = ?", id))
		},
		func(tx *txn, v idp.Session) error {
			_, err := tx.ExecContext(ctx, updateSession, append(sessionArgs(v), id)...)
			return dbErr(err, "session")
		})
}

// DeleteSession removes the session with id.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return execOne(ctx, s.writer(), "session", "DELETE FROM sessions WHERE id = ?", id)
}

// DeleteUserSessions removes every session of the user; none is not an error.
func (s *Store) DeleteUserSessions(ctx context.Context, userID string) error {
	_, err := s.writer().ExecContext(ctx, "DELETE FROM sessions WHERE user_id = ?", userID)
	return dbErr(err, "session")
}
