package postgres

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgtype"
)

const transactionCols = `id, client_id, redirect_uri, response_type, response_mode, scope,
	audience, state, nonce, code_challenge, code_challenge_method, prompt, max_age, connection,
	login_hint, screen_hint, user_id, session_id, auth_time, created_at, expires_at`

const transactionParams = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
	$16, $17, $18, $19, $20, $21`

func scanTransaction(r scanner) (idp.Transaction, error) {
	var t idp.Transaction
	var auth, created, expires pgtype.Timestamptz
	err := r.Scan(&t.ID, &t.ClientID, &t.RedirectURI, &t.ResponseType, &t.ResponseMode, &t.Scope,
		&t.Audience, &t.State, &t.Nonce, &t.CodeChallenge, &t.CodeChallengeMethod, &t.Prompt,
		&t.MaxAge, &t.Connection, &t.LoginHint, &t.ScreenHint, &t.UserID, &t.SessionID,
		&auth, &created, &expires)
	t.AuthTime, t.CreatedAt, t.ExpiresAt = tsOut(auth), tsOut(created), tsOut(expires)
	return t, err
}

// transactionArgs are the parameters of transactionParams.
func transactionArgs(t *idp.Transaction) []any {
	return []any{t.ID, t.ClientID, t.RedirectURI, t.ResponseType, t.ResponseMode, t.Scope,
		t.Audience, t.State, t.Nonce, t.CodeChallenge, t.CodeChallengeMethod, t.Prompt,
		t.MaxAge, t.Connection, t.LoginHint, t.ScreenHint, t.UserID, t.SessionID,
		tsIn(t.AuthTime), tsIn(t.CreatedAt), tsIn(t.ExpiresAt)}
}

// CreateTransaction stores t; a clash of id is EConflict.
func (s *Store) CreateTransaction(ctx context.Context, t idp.Transaction) error {
	_, err := s.db.Exec(ctx, `INSERT INTO transactions (`+transactionCols+`)
		VALUES (`+transactionParams+`)`, transactionArgs(&t)...)
	return mapErr(err, "transaction")
}

// GetTransaction returns the transaction with id unless it expired at or
// before now; a NULL (zero) expiry compares false, so counts as expired.
func (s *Store) GetTransaction(ctx context.Context, id string, now time.Time) (idp.Transaction, error) {
	return getOne(ctx, s.db, scanTransaction, "transaction", `SELECT `+transactionCols+`
		FROM transactions WHERE id = $1 AND expires_at > $2`, id, now)
}

// UpdateTransaction runs fn on a copy of the transaction, expired or not,
// and stores the result; the id cannot change.
func (s *Store) UpdateTransaction(ctx context.Context, id string, fn func(*idp.Transaction) error) (idp.Transaction, error) {
	lock := func(q querier) (idp.Transaction, error) {
		return getOne(ctx, q, scanTransaction, "transaction",
			`SELECT `+transactionCols+` FROM transactions WHERE id = $1 FOR UPDATE`, id)
	}
	write := func(q querier, t *idp.Transaction) (idp.Transaction, error) {
		t.ID = id
		return getOne(ctx, q, scanTransaction, "transaction", `UPDATE transactions
			SET (`+transactionCols+`) = (`+transactionParams+`)
			WHERE id = $1 RETURNING `+transactionCols, transactionArgs(t)...)
	}
	return update(ctx, s, lock, fn, write)
}

// DeleteTransaction removes the transaction with id.
func (s *Store) DeleteTransaction(ctx context.Context, id string) error {
	return exec(ctx, s.db, "transaction", `DELETE FROM transactions WHERE id = $1`, id)
}
