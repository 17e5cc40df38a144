package sqlite

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const codeFields = `hash, client_id, user_id, redirect_uri, scope, audience, nonce,
	code_challenge, code_challenge_method, session_id, auth_time, created_at, expires_at, used_at`

const selectCode = "SELECT " + codeFields + " FROM auth_codes"

func scanCode(row scanner) (idp.AuthCode, error) {
	var c idp.AuthCode
	err := row.Scan(&c.Hash, &c.ClientID, &c.UserID, &c.RedirectURI, &c.Scope, &c.Audience,
		&c.Nonce, &c.CodeChallenge, &c.CodeChallengeMethod, &c.SessionID,
		timeCol{&c.AuthTime}, timeCol{&c.CreatedAt}, timeCol{&c.ExpiresAt}, timeCol{&c.UsedAt})
	return c, dbErr(err, "authorization code")
}

// CreateAuthCode stores c; its hash must be unused.
func (s *Store) CreateAuthCode(ctx context.Context, c idp.AuthCode) error {
	_, err := s.writer().ExecContext(ctx, "INSERT INTO auth_codes ("+codeFields+") VALUES ("+marks(14)+")",
		c.Hash, c.ClientID, c.UserID, c.RedirectURI, c.Scope, c.Audience, c.Nonce,
		c.CodeChallenge, c.CodeChallengeMethod, c.SessionID,
		micros(c.AuthTime), micros(c.CreatedAt), micros(c.ExpiresAt), micros(c.UsedAt))
	return dbErr(err, "authorization code")
}

// ConsumeAuthCode marks the code used at now and returns it. The write
// transaction (BEGIN IMMEDIATE) serialises concurrent calls, so only the
// first sees the code unused; the others get it back with EConflict.
func (s *Store) ConsumeAuthCode(ctx context.Context, hash []byte, now time.Time) (idp.AuthCode, error) {
	var c idp.AuthCode
	err := s.inTx(ctx, func(tx *txn) error {
		var err error
		if c, err = scanCode(tx.QueryRowContext(ctx, selectCode+" WHERE hash = ?", hash)); err != nil {
			return err
		}
		if err := consumable(c, now); err != nil {
			return err
		}
		c.UsedAt = now
		_, err = tx.ExecContext(ctx, "UPDATE auth_codes SET used_at = ? WHERE hash = ?", micros(now), hash)
		return dbErr(err, "authorization code")
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
		return idp.Errorf(idp.EConflict, "The authorization code was already used.")
	}
	if !now.Before(c.ExpiresAt) {
		return notFound("authorization code")
	}
	return nil
}
