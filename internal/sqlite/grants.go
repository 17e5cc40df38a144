package sqlite

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const selectGrant = "SELECT id, client_id, audience, scope FROM client_grants"

func scanGrant(row scanner) (idp.ClientGrant, error) {
	var g idp.ClientGrant
	err := row.Scan(&g.ID, &g.ClientID, &g.Audience, jsonCol{&g.Scope})
	return g, dbErr(err, "client grant")
}

// CreateClientGrant stores g; its id and (client, audience) must be unused.
func (s *Store) CreateClientGrant(ctx context.Context, g idp.ClientGrant) error {
	_, err := s.writer().ExecContext(ctx,
		"INSERT INTO client_grants (id, client_id, audience, scope) VALUES (?, ?, ?, ?)",
		g.ID, g.ClientID, g.Audience, jsonArg{g.Scope})
	return dbErr(err, "client grant")
}

// GetClientGrant returns the grant of clientID for audience.
func (s *Store) GetClientGrant(ctx context.Context, clientID, audience string) (idp.ClientGrant, error) {
	return scanGrant(s.reader().QueryRowContext(ctx,
		selectGrant+" WHERE client_id = ? AND audience = ?", clientID, audience))
}

// UpdateClientGrant applies fn to the grant with id inside one transaction.
func (s *Store) UpdateClientGrant(ctx context.Context, id string, fn func(*idp.ClientGrant) error) (idp.ClientGrant, error) {
	return update(ctx, s, fn,
		func(tx *txn) (idp.ClientGrant, error) {
			return scanGrant(tx.QueryRowContext(ctx, selectGrant+" WHERE id = ?", id))
		},
		func(tx *txn, g idp.ClientGrant) error {
			_, err := tx.ExecContext(ctx,
				"UPDATE client_grants SET client_id = ?, audience = ?, scope = ? WHERE id = ?",
				g.ClientID, g.Audience, jsonArg{g.Scope}, id)
			return dbErr(err, "client grant")
		})
}

// DeleteClientGrant removes the grant.
func (s *Store) DeleteClientGrant(ctx context.Context, id string) error {
	return execOne(ctx, s.writer(), "client grant", "DELETE FROM client_grants WHERE id = ?", id)
}

// ListClientGrants returns every grant, by client and audience.
func (s *Store) ListClientGrants(ctx context.Context) ([]idp.ClientGrant, error) {
	rows, err := s.reader().QueryContext(ctx, selectGrant+" ORDER BY client_id, audience")
	if err != nil {
		return nil, dbErr(err, "client grant")
	}
	return collect(rows, scanGrant)
}
