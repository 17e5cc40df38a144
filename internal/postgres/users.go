package postgres

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgtype"
)

const userCols = `id, connection, email, email_verified, username, password_hash,
	given_name, family_name, name, nickname, picture, user_metadata, app_metadata,
	blocked, created_at, updated_at, last_login, last_ip, logins_count, last_password_reset`

const userSet = `connection = $2, email = $3, email_normalized = $4, email_verified = $5,
	username = $6, password_hash = $7, given_name = $8, family_name = $9, name = $10,
	nickname = $11, picture = $12, user_metadata = $13, app_metadata = $14, blocked = $15,
	created_at = $16, updated_at = $17, last_login = $18, last_ip = $19, logins_count = $20,
	last_password_reset = $21`

func scanUser(r scanner) (idp.User, error) {
	var u idp.User
	var created, updated, login, reset pgtype.Timestamptz
	err := r.Scan(&u.ID, &u.Connection, &u.Email, &u.EmailVerified, &u.Username, &u.PasswordHash,
		&u.GivenName, &u.FamilyName, &u.Name, &u.Nickname, &u.Picture, &u.UserMetadata, &u.AppMetadata,
		&u.Blocked, &created, &updated, &login, &u.LastIP, &u.LoginsCount, &reset)
	u.CreatedAt, u.UpdatedAt = tsOut(created), tsOut(updated)
	u.LastLogin, u.LastPasswordReset = tsOut(login), tsOut(reset)
	return u, err
}

// userArgs are the parameters $1…$21 of userSet and the insert.
func userArgs(u *idp.User) []any {
	return []any{u.ID, u.Connection, u.Email, idp.NormalizeEmail(u.Email), u.EmailVerified,
		u.Username, u.PasswordHash, u.GivenName, u.FamilyName, u.Name, u.Nickname, u.Picture,
		u.UserMetadata, u.AppMetadata, u.Blocked, tsIn(u.CreatedAt), tsIn(u.UpdatedAt),
		tsIn(u.LastLogin), u.LastIP, u.LoginsCount, tsIn(u.LastPasswordReset)}
}

// CreateUser stores u; a clash of id, email or username in the connection is EConflict.
func (s *Store) CreateUser(ctx context.Context, u idp.User) error {
	_, err := s.db.Exec(ctx, `INSERT INTO users (id, connection, email, email_normalized,
		email_verified, username, password_hash, given_name, family_name, name, nickname,
		picture, user_metadata, app_metadata, blocked, created_at, updated_at, last_login,
		last_ip, logins_count, last_password_reset) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
		$9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`, userArgs(&u)...)
	return mapErr(err, "user")
}

// GetUser returns the user with id.
func (s *Store) GetUser(ctx context.Context, id string) (idp.User, error) {
	return getOne(ctx, s.db, scanUser, "user", `SELECT `+userCols+` FROM users WHERE id = $1`, id)
}

// GetUserByEmail returns the user of connection whose email matches after NormalizeEmail.
func (s *Store) GetUserByEmail(ctx context.Context, connection, email string) (idp.User, error) {
	return getOne(ctx, s.db, scanUser, "user", `SELECT `+userCols+` FROM users
		WHERE connection = $1 AND email_normalized = $2 AND email_normalized <> ''`,
		connection, idp.NormalizeEmail(email))
}

// GetUserByUsername returns the user of connection with username.
func (s *Store) GetUserByUsername(ctx context.Context, connection, username string) (idp.User, error) {
	return getOne(ctx, s.db, scanUser, "user", `SELECT `+userCols+` FROM users
		WHERE connection = $1 AND username = $2 AND username <> ''`, connection, username)
}

// UpdateUser runs fn on a copy of the user and stores the result; the id cannot change.
func (s *Store) UpdateUser(ctx context.Context, id string, fn func(*idp.User) error) (idp.User, error) {
	lock := func(q querier) (idp.User, error) {
		return getOne(ctx, q, scanUser, "user", `SELECT `+userCols+` FROM users WHERE id = $1 FOR UPDATE`, id)
	}
	write := func(q querier, u *idp.User) (idp.User, error) {
		u.ID = id
		return getOne(ctx, q, scanUser, "user", `UPDATE users SET `+userSet+
			` WHERE id = $1 RETURNING `+userCols, userArgs(u)...)
	}
	return update(ctx, s, lock, fn, write)
}

// DeleteUser removes the user and their role assignments.
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	// One statement: the user's tokens, counters and sessions go with it.
	return exec(ctx, s.db, "user", `WITH
		rt AS (DELETE FROM refresh_tokens WHERE user_id = $1),
		lf AS (DELETE FROM login_failures WHERE user_id = $1),
		se AS (DELETE FROM sessions WHERE user_id = $1)
		DELETE FROM users WHERE id = $1`, id)
}

// ListUsers returns page (0-based) of perPage users, oldest first, and the total.
func (s *Store) ListUsers(ctx context.Context, page, perPage int) (idp.UserPage, error) {
	page, perPage = max(page, 0), max(perPage, 0)
	var total int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&total); err != nil {
		return idp.UserPage{}, mapErr(err, "users")
	}
	users, err := list(ctx, s.db, scanUser, "users", `SELECT `+userCols+` FROM users
		ORDER BY created_at NULLS FIRST, seq LIMIT $1 OFFSET $2`, perPage, int64(page)*int64(perPage))
	return idp.UserPage{Users: users, Total: total}, err
}
