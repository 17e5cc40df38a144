package postgres

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgtype"
)

const tokenCols = `id, hash, family_id, client_id, user_id, audience, scope, grant_type,
	session_id, auth_time, created_at, expires_at, idle_expires_at, used_at, revoked`

func scanToken(r scanner) (idp.RefreshToken, error) {
	var t idp.RefreshToken
	var auth, created, expires, idle, used pgtype.Timestamptz
	err := r.Scan(&t.ID, &t.Hash, &t.FamilyID, &t.ClientID, &t.UserID, &t.Audience, &t.Scope,
		&t.Grant, &t.SessionID, &auth, &created, &expires, &idle, &used, &t.Revoked)
	t.AuthTime, t.CreatedAt, t.ExpiresAt = tsOut(auth), tsOut(created), tsOut(expires)
	t.IdleExpiresAt, t.UsedAt = tsOut(idle), tsOut(used)
	return t, err
}

func insertToken(ctx context.Context, q querier, t *idp.RefreshToken) error {
	if t.FamilyID == "" {
		t.FamilyID = t.ID // a token with no family starts its own
	}
	_, err := q.Exec(ctx, `INSERT INTO refresh_tokens (`+tokenCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		t.ID, t.Hash, t.FamilyID, t.ClientID, t.UserID, t.Audience, t.Scope, t.Grant, t.SessionID,
		tsIn(t.AuthTime), tsIn(t.CreatedAt), tsIn(t.ExpiresAt), tsIn(t.IdleExpiresAt), tsIn(t.UsedAt),
		t.Revoked)
	return mapErr(err, "refresh token")
}

// CreateRefreshToken stores t; a clash of hash is EConflict.
func (s *Store) CreateRefreshToken(ctx context.Context, t idp.RefreshToken) error {
	return insertToken(ctx, s.db, &t)
}

// GetRefreshToken returns the token whose hash is hash.
func (s *Store) GetRefreshToken(ctx context.Context, hash []byte) (idp.RefreshToken, error) {
	return getOne(ctx, s.db, scanToken, "refresh token",
		`SELECT `+tokenCols+` FROM refresh_tokens WHERE hash = $1`, hash)
}

// RotateRefreshToken marks the old token used and stores next in its
// family, with the family's Grant and AuthTime. Reuse (a revoked token,
// or one first used leeway or more before now) revokes the family,
// commits that, and returns EForbidden. Inside Atomic the revocation is
// part of the caller's transaction and stands only if that commits.
func (s *Store) RotateRefreshToken(ctx context.Context, old []byte, next idp.RefreshToken, now time.Time, leeway time.Duration) error {
	reused := false
	err := s.tx(ctx, func(q querier) error {
		var err error
		reused, err = rotateToken(ctx, q, old, &next, now, leeway)
		return err
	})
	if err == nil && reused {
		return idp.Errorf(idp.EForbidden, "refresh token reused")
	}
	return err
}

// rotateToken does RotateRefreshToken's work in a transaction: the row
// lock serialises concurrent rotations of one token.
func rotateToken(ctx context.Context, q querier, old []byte, next *idp.RefreshToken, now time.Time, leeway time.Duration) (reused bool, err error) {
	cur, err := getOne(ctx, q, scanToken, "refresh token",
		`SELECT `+tokenCols+` FROM refresh_tokens WHERE hash = $1 FOR UPDATE`, old)
	if err != nil {
		return false, err
	}
	if cur.Revoked || reuse(cur.UsedAt, now, leeway) {
		_, err = q.Exec(ctx, `UPDATE refresh_tokens SET revoked = true WHERE family_id = $1`, cur.FamilyID)
		return true, mapErr(err, "refresh token family")
	}
	// Keep the first use time, so rotating within the leeway cannot extend it.
	if _, err = q.Exec(ctx, `UPDATE refresh_tokens SET used_at = COALESCE(used_at, $2)
		WHERE hash = $1`, old, now); err != nil {
		return false, mapErr(err, "refresh token")
	}
	next.FamilyID, next.Grant, next.AuthTime = cur.FamilyID, cur.Grant, cur.AuthTime // all belong to the family
	return false, insertToken(ctx, q, next)
}

// RevokeRefreshToken revokes the token's whole family; an unknown hash is not an error.
func (s *Store) RevokeRefreshToken(ctx context.Context, hash []byte) error {
	_, err := s.db.Exec(ctx, `UPDATE refresh_tokens SET revoked = true WHERE family_id IN
		(SELECT family_id FROM refresh_tokens WHERE hash = $1)`, hash)
	return mapErr(err, "refresh token")
}

// RevokeUserRefreshTokens revokes every token of the user.
func (s *Store) RevokeUserRefreshTokens(ctx context.Context, userID string) error {
	_, err := s.db.Exec(ctx, `UPDATE refresh_tokens SET revoked = true WHERE user_id = $1`, userID)
	return mapErr(err, "refresh tokens")
}

// reuse reports whether a token first used at used is being reused at
// now: the leeway window is [used, used+leeway), so with no leeway any
// second use is a reuse, even at the same instant.
func reuse(used, now time.Time, leeway time.Duration) bool {
	return !used.IsZero() && !now.Before(used.Add(leeway))
}

// RevokeRefreshFamily revokes every token of the family.
func (s *Store) RevokeRefreshFamily(ctx context.Context, familyID string) error {
	_, err := s.db.Exec(ctx, `UPDATE refresh_tokens SET revoked = true WHERE family_id = $1`, familyID)
	return mapErr(err, "refresh tokens")
}
