package postgres

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// optionsDoc is the jsonb form of idp.ConnectionOptions.
type optionsDoc struct {
	PasswordPolicy       string `json:"password_policy"`
	MinLength            int    `json:"min_length"`
	BruteForceProtection bool   `json:"brute_force_protection"`
	RequiresUsername     bool   `json:"requires_username"`
	UsernameMin          int    `json:"username_min"`
	UsernameMax          int    `json:"username_max"`
	DisableSignup        bool   `json:"disable_signup"`
}

const connCols = `id, name, strategy, enabled_clients, options`

func scanConnection(r scanner) (idp.Connection, error) {
	var c idp.Connection
	var opts optionsDoc
	err := r.Scan(&c.ID, &c.Name, &c.Strategy, &c.EnabledClients, &opts)
	c.Options = idp.ConnectionOptions(opts)
	return c, err
}

// CreateConnection stores c; a clash of id or name is EConflict.
func (s *Store) CreateConnection(ctx context.Context, c idp.Connection) error {
	_, err := s.db.Exec(ctx, `INSERT INTO connections (`+connCols+`) VALUES ($1, $2, $3, $4, $5)`,
		c.ID, c.Name, c.Strategy, c.EnabledClients, optionsDoc(c.Options))
	return mapErr(err, "connection")
}

// GetConnection returns the connection with id.
func (s *Store) GetConnection(ctx context.Context, id string) (idp.Connection, error) {
	return getOne(ctx, s.db, scanConnection, "connection",
		`SELECT `+connCols+` FROM connections WHERE id = $1`, id)
}

// GetConnectionByName returns the connection called name.
func (s *Store) GetConnectionByName(ctx context.Context, name string) (idp.Connection, error) {
	return getOne(ctx, s.db, scanConnection, "connection",
		`SELECT `+connCols+` FROM connections WHERE name = $1`, name)
}

// UpdateConnection runs fn on a copy of the connection and stores the result; the id cannot change.
func (s *Store) UpdateConnection(ctx context.Context, id string, fn func(*idp.Connection) error) (idp.Connection, error) {
	lock := func(q querier) (idp.Connection, error) {
		return getOne(ctx, q, scanConnection, "connection",
			`SELECT `+connCols+` FROM connections WHERE id = $1 FOR UPDATE`, id)
	}
	write := func(q querier, c *idp.Connection) (idp.Connection, error) {
		return getOne(ctx, q, scanConnection, "connection", `UPDATE connections SET name = $2,
			strategy = $3, enabled_clients = $4, options = $5 WHERE id = $1 RETURNING `+connCols,
			id, c.Name, c.Strategy, c.EnabledClients, optionsDoc(c.Options))
	}
	return update(ctx, s, lock, fn, write)
}

// DeleteConnection removes the connection (its users stay).
func (s *Store) DeleteConnection(ctx context.Context, id string) error {
	return exec(ctx, s.db, "connection", `DELETE FROM connections WHERE id = $1`, id)
}

// ListConnections returns every connection in creation order.
func (s *Store) ListConnections(ctx context.Context) ([]idp.Connection, error) {
	return list(ctx, s.db, scanConnection, "connections", `SELECT `+connCols+` FROM connections ORDER BY seq`)
}
