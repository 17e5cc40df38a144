package sqlite

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const selectConnection = "SELECT id, name, strategy, enabled_clients, options FROM connections"

func scanConnection(row scanner) (idp.Connection, error) {
	var c idp.Connection
	err := row.Scan(&c.ID, &c.Name, &c.Strategy, jsonCol{&c.EnabledClients}, jsonCol{&c.Options})
	return c, dbErr(err, "connection")
}

// CreateConnection stores c; its id and name must be unused.
func (s *Store) CreateConnection(ctx context.Context, c idp.Connection) error {
	_, err := s.writer().ExecContext(ctx,
		"INSERT INTO connections (id, name, strategy, enabled_clients, options) VALUES (?, ?, ?, ?, ?)",
		c.ID, c.Name, c.Strategy, jsonArg{c.EnabledClients}, jsonArg{c.Options})
	return dbErr(err, "connection")
}

// GetConnection returns the connection with id.
func (s *Store) GetConnection(ctx context.Context, id string) (idp.Connection, error) {
	return scanConnection(s.reader().QueryRowContext(ctx, selectConnection+" WHERE id = ?", id))
}

// GetConnectionByName returns the connection named name.
func (s *Store) GetConnectionByName(ctx context.Context, name string) (idp.Connection, error) {
	return scanConnection(s.reader().QueryRowContext(ctx, selectConnection+" WHERE name = ?", name))
}

// UpdateConnection applies fn to the connection with id inside one transaction.
func (s *Store) UpdateConnection(ctx context.Context, id string, fn func(*idp.Connection) error) (idp.Connection, error) {
	return update(ctx, s, fn,
		func(tx *txn) (idp.Connection, error) {
			return scanConnection(tx.QueryRowContext(ctx, selectConnection+" WHERE id = ?", id))
		},
		func(tx *txn, c idp.Connection) error {
			_, err := tx.ExecContext(ctx,
				"UPDATE connections SET name = ?, strategy = ?, enabled_clients = ?, options = ? WHERE id = ?",
				c.Name, c.Strategy, jsonArg{c.EnabledClients}, jsonArg{c.Options}, id)
			return dbErr(err, "connection")
		})
}

// DeleteConnection removes the connection (not its users).
func (s *Store) DeleteConnection(ctx context.Context, id string) error {
	return execOne(ctx, s.writer(), "connection", "DELETE FROM connections WHERE id = ?", id)
}

// ListConnections returns every connection, by name.
func (s *Store) ListConnections(ctx context.Context) ([]idp.Connection, error) {
	rows, err := s.reader().QueryContext(ctx, selectConnection+" ORDER BY name")
	if err != nil {
		return nil, dbErr(err, "connection")
	}
	return collect(rows, scanConnection)
}
