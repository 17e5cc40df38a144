package sqlite

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// userFields are the columns after id; email_norm is written separately.
const userFields = `connection, email, email_verified, username, password_hash,
	given_name, family_name, name, nickname, picture, user_metadata, app_metadata,
	blocked, created_at, updated_at, last_login, last_ip, logins_count, last_password_reset`

const (
	selectUser = "SELECT id, " + userFields + " FROM users"
	insertUser = "INSERT INTO users (id, " + userFields + ", email_norm) VALUES (?, " +
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	updateUser = "UPDATE users SET (" + userFields + ", email_norm) = (" +
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?"
)

func userArgs(u idp.User) []any {
	return []any{
		u.Connection, u.Email, u.EmailVerified, u.Username, u.PasswordHash,
		u.GivenName, u.FamilyName, u.Name, u.Nickname, u.Picture,
		jsonArg{u.UserMetadata}, jsonArg{u.AppMetadata}, u.Blocked,
		micros(u.CreatedAt), micros(u.UpdatedAt), micros(u.LastLogin), u.LastIP,
		u.LoginsCount, micros(u.LastPasswordReset), idp.NormalizeEmail(u.Email),
	}
}

func scanUser(row scanner) (idp.User, error) {
	var u idp.User
	err := row.Scan(&u.ID, &u.Connection, &u.Email, &u.EmailVerified, &u.Username, &u.PasswordHash,
		&u.GivenName, &u.FamilyName, &u.Name, &u.Nickname, &u.Picture,
		jsonCol{&u.UserMetadata}, jsonCol{&u.AppMetadata}, &u.Blocked,
		timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt}, timeCol{&u.LastLogin}, &u.LastIP,
		&u.LoginsCount, timeCol{&u.LastPasswordReset})
	return u, dbErr(err, "user")
}

func getUser(ctx context.Context, q querier, where string, args ...any) (idp.User, error) {
	return scanUser(q.QueryRowContext(ctx, selectUser+" WHERE "+where, args...))
}

// CreateUser stores u; its email must be unique in its connection once
// normalised, and so must its username when set.
func (s *Store) CreateUser(ctx context.Context, u idp.User) error {
	_, err := s.writer().ExecContext(ctx, insertUser, append([]any{u.ID}, userArgs(u)...)...)
	return dbErr(err, "user")
}

// GetUser returns the user with id.
func (s *Store) GetUser(ctx context.Context, id string) (idp.User, error) {
	return getUser(ctx, s.reader(), "id = ?", id)
}

// GetUserByEmail returns the user of connection whose normalised email
// matches email's.
func (s *Store) GetUserByEmail(ctx context.Context, connection, email string) (idp.User, error) {
	// The repeated "<> ''" lets SQLite use the partial unique index.
	return getUser(ctx, s.reader(), "connection = ? AND email_norm = ? AND email_norm <> ''",
		connection, idp.NormalizeEmail(email))
}

// GetUserByUsername returns the user of connection with username.
func (s *Store) GetUserByUsername(ctx context.Context, connection, username string) (idp.User, error) {
	return getUser(ctx, s.reader(), "connection = ? AND username = ? AND username <> ''", connection, username)
}

// UpdateUser applies fn to the user with id inside one transaction.
func (s *Store) UpdateUser(ctx context.Context, id string, fn func(*idp.User) error) (idp.User, error) {
	return update(ctx, s, fn,
		func(tx *txn) (idp.User, error) { return getUser(ctx, tx, "id = ?", id) },
		func(tx *txn, u idp.User) error {
			_, err := tx.ExecContext(ctx, updateUser, append(userArgs(u), id)...)
			return dbErr(err, "user")
		})
}

// DeleteUser removes the user with its role assignments, refresh tokens
// and login-failure counters.
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *txn) error {
		for _, q := range []string{"DELETE FROM refresh_tokens WHERE user_id = ?",
			"DELETE FROM login_failures WHERE user_id = ?", "DELETE FROM sessions WHERE user_id = ?"} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return dbErr(err, "user")
			}
		}
		return execOne(ctx, tx, "user", "DELETE FROM users WHERE id = ?", id)
	})
}
