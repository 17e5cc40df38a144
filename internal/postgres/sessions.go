package postgres

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgtype"
)

const sessionCols = `id, hash, user_id, auth_time, created_at, last_seen, expires_at, idle_expires_at`

func scanSession(r scanner) (idp.Session, error) {
	var v idp.Session
	var auth, created, seen, expires, idle pgtype.Timestamptz
	err := r.Scan(&v.ID, &v.Hash, &v.UserID, &auth, &created, &seen, &expires, &idle)
	v.AuthTime, v.CreatedAt, v.LastSeen = tsOut(auth), tsOut(created), tsOut(seen)
	v.ExpiresAt, v.IdleExpiresAt = tsOut(expires), tsOut(idle)
	return v, err
}

// sessionArgs are the parameters $1…$8 in sessionCols order.
func sessionArgs(v *idp.Session) []any {
	return []any{v.ID, v.Hash, v.UserID, tsIn(v.AuthTime), tsIn(v.CreatedAt), tsIn(v.LastSeen),
		tsIn(v.ExpiresAt), tsIn(v.IdleExpiresAt)}
}

// CreateSession stores v; a clash of id or hash is EConflict.
func (s *Store) CreateSession(ctx context.Context, v idp.Session) error {
	_, err := s.db.Exec(ctx, `INSERT INTO sessions (`+sessionCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, sessionArgs(&v)...)
	return mapErr(err, "session")
}

// GetSession returns the session whose cookie secret hashes to hash,
// unless either of its expiries is at or before now (or NULL).
func (s *Store) GetSession(ctx context.Context, hash []byte, now time.Time) (idp.Session, error) {
	return getOne(ctx, s.db, scanSession, "session", `SELECT `+sessionCols+` FROM sessions
		WHERE hash = $1 AND expires_at > $2 AND idle_expires_at > $2`, hash, now)
}

// UpdateSession runs fn on a copy of the session, expired or not, and
// stores the result; the id cannot change, the hash can (to a free one).
func (s *Store) UpdateSession(ctx context.Context, id string, fn func(*idp.Session) error) (idp.Session, error) {
	lock := func(q querier) (idp.Session, error) {
		return getOne(ctx, q, scanSession, "session",
			`SELECT `+sessionCols+` FROM sessions WHERE id = $1 FOR UPDATE`, id)
	}
	write := func(q querier, v *idp.Session) (idp.Session, error) {
		v.ID = id
		return getOne(ctx, q, scanSession, "session", `UPDATE sessions SET (`+sessionCols+`)
			= ($1, $2, $3, $4, $5, $6, $7, $8) WHERE id = $1 RETURNING `+sessionCols, sessionArgs(v)...)
	}
	return update(ctx, s, lock, fn, write)
}

// DeleteSession removes the session with id.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return exec(ctx, s.db, "session", `DELETE FROM sessions WHERE id = $1`, id)
}

// DeleteUserSessions removes every session of the user; none is not an error.
func (s *Store) DeleteUserSessions(ctx context.Context, userID string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	return mapErr(err, "sessions")
}
