package sqlite

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const refreshFields = `id, hash, family_id, client_id, user_id, audience, scope, grant_type,
	session_id, auth_time, created_at, expires_at, idle_expires_at, used_at, revoked`

func scanRefresh(row scanner) (idp.RefreshToken, error) {
	var t idp.RefreshToken
	err := row.Scan(&t.ID, &t.Hash, &t.FamilyID, &t.ClientID, &t.UserID, &t.Audience, &t.Scope,
		&t.Grant, &t.SessionID, timeCol{&t.AuthTime}, timeCol{&t.CreatedAt}, timeCol{&t.ExpiresAt},
		timeCol{&t.IdleExpiresAt}, timeCol{&t.UsedAt}, &t.Revoked)
	return t, dbErr(err, "refresh token")
}

func insertRefresh(ctx context.Context, q querier, t idp.RefreshToken) error {
	if t.FamilyID == "" {
		t.FamilyID = t.ID // a token with no family starts its own
	}
	_, err := q.ExecContext(ctx, "INSERT INTO refresh_tokens ("+refreshFields+") VALUES ("+marks(15)+")",
		t.ID, t.Hash, t.FamilyID, t.ClientID, t.UserID, t.Audience, t.Scope, t.Grant, t.SessionID,
		micros(t.AuthTime), micros(t.CreatedAt), micros(t.ExpiresAt), micros(t.IdleExpiresAt),
		micros(t.UsedAt), t.Revoked)
	return dbErr(err, "refresh token")
}

// CreateRefreshToken stores t; its id and hash must be unused.
func (s *Store) CreateRefreshToken(ctx context.Context, t idp.RefreshToken) error {
	return insertRefresh(ctx, s.writer(), t)
}

// GetRefreshToken returns the token whose TokenHash is hash.
func (s *Store) GetRefreshToken(ctx context.Context, hash []byte) (idp.RefreshToken, error) {
	return scanRefresh(s.reader().QueryRowContext(ctx, "SELECT "+refreshFields+" FROM refresh_tokens WHERE hash = ?", hash))
}

// RotateRefreshToken marks the token old as used at now and stores next
// in its family, with the family's Grant and AuthTime, in one
// transaction. A reuse (see reused) revokes the family, stores nothing
// and is EForbidden. Outside Atomic the revocation commits; inside, it
// stands or falls with Atomic's transaction.
func (s *Store) RotateRefreshToken(ctx context.Context, old []byte, next idp.RefreshToken, now time.Time, leeway time.Duration) error {
	return s.inTx(ctx, func(tx *txn) error {
		t, err := scanRefresh(tx.QueryRowContext(ctx, "SELECT "+refreshFields+" FROM refresh_tokens WHERE hash = ?", old))
		if err != nil {
			return err
		}
		if reused(t, now, leeway) {
			if err := revokeFamily(ctx, tx, old); err != nil {
				return err
			}
			return committed{idp.Errorf(idp.EForbidden, "The refresh token was already used.")}
		}
		if t.UsedAt.IsZero() { // a reuse within the leeway keeps the first use's time
			_, err := tx.ExecContext(ctx, "UPDATE refresh_tokens SET used_at = ? WHERE hash = ?", micros(now), old)
			if err != nil {
				return dbErr(err, "refresh token")
			}
		}
		next.FamilyID, next.Grant, next.AuthTime = t.FamilyID, t.Grant, t.AuthTime // all belong to the family
		return insertRefresh(ctx, tx, next)
	})
}

// reused reports whether rotating t at now is a reuse: t is revoked, or
// was first used leeway or more before now. With no leeway any earlier
// use counts, even one stamped after now by a skewed clock.
func reused(t idp.RefreshToken, now time.Time, leeway time.Duration) bool {
	if t.Revoked {
		return true
	}
	if t.UsedAt.IsZero() {
		return false
	}
	return leeway <= 0 || !now.Before(t.UsedAt.Add(leeway))
}

// revokeFamily revokes the token with hash and every token of its family.
func revokeFamily(ctx context.Context, q querier, hash []byte) error {
	_, err := q.ExecContext(ctx, `UPDATE refresh_tokens SET revoked = 1 WHERE hash = ?1 OR
		(family_id <> '' AND family_id = (SELECT family_id FROM refresh_tokens WHERE hash = ?1))`, hash)
	return dbErr(err, "refresh token")
}

// RevokeRefreshToken revokes the token's whole family; an unknown hash is
// not an error.
func (s *Store) RevokeRefreshToken(ctx context.Context, hash []byte) error {
	return revokeFamily(ctx, s.writer(), hash)
}

// RevokeUserRefreshTokens revokes every refresh token of the user.
func (s *Store) RevokeUserRefreshTokens(ctx context.Context, userID string) error {
	_, err := s.writer().ExecContext(ctx, "UPDATE refresh_tokens SET revoked = 1 WHERE user_id = ?", userID)
	return dbErr(err, "refresh token")
}

// RevokeRefreshFamily revokes every token of the family.
func (s *Store) RevokeRefreshFamily(ctx context.Context, familyID string) error {
	_, err := s.writer().ExecContext(ctx, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ?", familyID)
	return dbErr(err, "refresh token")
}
