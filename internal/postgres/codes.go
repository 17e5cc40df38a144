package postgres

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgtype"
)

const codeCols = `hash, client_id, user_id, redirect_uri, scope, audience, nonce,
	code_challenge, code_challenge_method, session_id, auth_time, created_at, expires_at, used_at`

func scanCode(r scanner) (idp.AuthCode, error) {
	var c idp.AuthCode
	var auth, created, expires, used pgtype.Timestamptz
	err := r.Scan(&c.Hash, &c.ClientID, &c.UserID, &c.RedirectURI, &c.Scope, &c.Audience,
		&c.Nonce, &c.CodeChallenge, &c.CodeChallengeMethod, &c.SessionID,
		&auth, &created, &expires, &used)
	c.AuthTime, c.CreatedAt = tsOut(auth), tsOut(created)
	c.ExpiresAt, c.UsedAt = tsOut(expires), tsOut(used)
	return c, err
}

// CreateAuthCode stores c; a clash of hash is EConflict.
func (s *Store) CreateAuthCode(ctx context.Context, c idp.AuthCode) error {
	_, err := s.db.Exec(ctx, `INSERT INTO auth_codes (`+codeCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		c.Hash, c.ClientID, c.UserID, c.RedirectURI, c.Scope, c.Audience, c.Nonce,
		c.CodeChallenge, c.CodeChallengeMethod, c.SessionID,
		tsIn(c.AuthTime), tsIn(c.CreatedAt), tsIn(c.ExpiresAt), tsIn(c.UsedAt))
	return mapErr(err, "authorization code")
}

// ConsumeAuthCode marks the code used at now and returns it. The row lock
// (SELECT … FOR UPDATE) serialises concurrent calls, so only the first
// sees the code unused; the others get it back with EConflict.
func (s *Store) ConsumeAuthCode(ctx context.Context, hash []byte, now time.Time) (idp.AuthCode, error) {
	var c idp.AuthCode
	err := s.tx(ctx, func(q querier) error {
		var err error
		c, err = getOne(ctx, q, scanCode, "authorization code",
			`SELECT `+codeCols+` FROM auth_codes WHERE hash = $1 FOR UPDATE`, hash)
		if err != nil {
			return err
		}
		if err := consumable(c, now); err != nil {
			return err
		}
		c.UsedAt = now
		_, err = q.Exec(ctx, `UPDATE auth_codes SET used_at = $2 WHERE hash = $1`, hash, now)
		return mapErr(err, "authorization code")
	})
	if err != nil && idp.ErrorCode(err) != idp.EConflict {
		return idp.AuthCode{}, err
	}
	return c, err
}

// consumable checks a stored code may be exchanged at now. A used code is
// a replay (EConflict) even once expired, so that the caller can revoke
// what the first exchange issued; an unused expired one is ENotFound.
func consumable(c idp.AuthCode, now time.Time) error {
	if !c.UsedAt.IsZero() {
		return idp.Errorf(idp.EConflict, "authorization code already used")
	}
	if !now.Before(c.ExpiresAt) {
		return idp.Errorf(idp.ENotFound, "authorization code not found")
	}
	return nil
}
