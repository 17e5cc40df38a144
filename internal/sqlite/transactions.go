package sqlite

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// transactionFields are the columns after id.
const transactionFields = `client_id, redirect_uri, response_type, response_mode, scope, audience,
	state, nonce, code_challenge, code_challenge_method, prompt, max_age, connection, login_hint,
	screen_hint, user_id, session_id, auth_time, created_at, expires_at`

const (
	selectTransaction = "SELECT id, " + transactionFields + " FROM transactions"
	insertTransaction = "INSERT INTO transactions (id, " + transactionFields + ") VALUES (?, " +
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	updateTransaction = "UPDATE transactions SET (" + transactionFields + ") = (" +
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?"
)

func transactionArgs(t idp.Transaction) []any {
	return []any{
		t.ClientID, t.RedirectURI, t.ResponseType, t.ResponseMode, t.Scope, t.Audience,
		t.State, t.Nonce, t.CodeChallenge, t.CodeChallengeMethod, t.Prompt, t.MaxAge,
		t.Connection, t.LoginHint, t.ScreenHint, t.UserID, t.SessionID,
		micros(t.AuthTime), micros(t.CreatedAt), micros(t.ExpiresAt),
	}
}

func scanTransaction(row scanner) (idp.Transaction, error) {
	var t idp.Transaction
	err := row.Scan(&t.ID, &t.ClientID, &t.RedirectURI, &t.ResponseType, &t.ResponseMode,
		&t.Scope, &t.Audience, &t.State, &t.Nonce, &t.CodeChallenge, &t.CodeChallengeMethod,
		&t.Prompt, &t.MaxAge, &t.Connection, &t.LoginHint, &t.ScreenHint, &t.UserID, &t.SessionID,
		timeCol{&t.AuthTime}, timeCol{&t.CreatedAt}, timeCol{&t.ExpiresAt})
	return t, dbErr(err, "transaction")
}

// CreateTransaction stores t; its id must be unused.
func (s *Store) CreateTransaction(ctx context.Context, t idp.Transaction) error {
	_, err := s.writer().ExecContext(ctx, insertTransaction, append([]any{t.ID}, transactionArgs(t)...)...)
	return dbErr(err, "transaction")
}

// GetTransaction returns the transaction with id unless it expired at or
// before now. A NULL (zero) expiry compares false: such a row is expired.
func (s *Store) GetTransaction(ctx context.Context, id string, now time.Time) (idp.Transaction, error) {
	return scanTransaction(s.reader().QueryRowContext(ctx,
		selectTransaction+" WHERE id = ? AND expires_at > ?", id, micros(now)))
}

// UpdateTransaction applies fn to the transaction with id inside one
// transaction, expired or not; the id cannot change.
func (s *Store) UpdateTransaction(ctx context.Context, id string, fn func(*idp.Transaction) error) (idp.Transaction, error) {
	return update(ctx, s, keepID(id, fn, func(t *idp.Transaction) *string { return &t.ID }),
		func(tx *txn) (idp.Transaction, error) {
			return scanTransaction(tx.QueryRowContext(ctx, selectTransaction+" WHERE id = ?", id))
		},
		func(tx *txn, t idp.Transaction) error {
			_, err := tx.ExecContext(ctx, updateTransaction, append(transactionArgs(t), id)...)
			return dbErr(err, "transaction")
		})
}

// DeleteTransaction removes the transaction with id.
func (s *Store) DeleteTransaction(ctx context.Context, id string) error {
	return execOne(ctx, s.writer(), "transaction", "DELETE FROM transactions WHERE id = ?", id)
}
