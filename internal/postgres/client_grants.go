package postgres

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const grantCols = `id, client_id, audience, scope`

func scanGrant(r scanner) (idp.ClientGrant, error) {
	var g idp.ClientGrant
	err := r.Scan(&g.ID, &g.ClientID, &g.Audience, &g.Scope)
	return g, err
}

// CreateClientGrant stores g; a clash of id or (client, audience) is EConflict.
func (s *Store) CreateClientGrant(ctx context.Context, g idp.ClientGrant) error {
	_, err := s.db.Exec(ctx, `INSERT INTO client_grants (`+grantCols+`) VALUES ($1, $2, $3, $4)`,
		g.ID, g.ClientID, g.Audience, g.Scope)
	return mapErr(err, "client grant")
}

// GetClientGrant returns the grant of clientID for audience.
func (s *Store) GetClientGrant(ctx context.Context, clientID, audience string) (idp.ClientGrant, error) {
	return getOne(ctx, s.db, scanGrant, "client grant", `SELECT `+grantCols+` FROM client_grants
		WHERE client_id = $1 AND audience = $2`, clientID, audience)
}

// UpdateClientGrant runs fn on a copy of the grant and stores the result; the id cannot change.
func (s *Store) UpdateClientGrant(ctx context.Context, id string, fn func(*idp.ClientGrant) error) (idp.ClientGrant, error) {
	lock := func(q querier) (idp.ClientGrant, error) {
		return getOne(ctx, q, scanGrant, "client grant",
			`SELECT `+grantCols+` FROM client_grants WHERE id = $1 FOR UPDATE`, id)
	}
	write := func(q querier, g *idp.ClientGrant) (idp.ClientGrant, error) {
		return getOne(ctx, q, scanGrant, "client grant", `UPDATE client_grants
			SET client_id = $2, audience = $3, scope = $4 WHERE id = $1 RETURNING `+grantCols,
			id, g.ClientID, g.Audience, g.Scope)
	}
	return update(ctx, s, lock, fn, write)
}

// DeleteClientGrant removes the grant.
func (s *Store) DeleteClientGrant(ctx context.Context, id string) error {
	return exec(ctx, s.db, "client grant", `DELETE FROM client_grants WHERE id = $1`, id)
}

// ListClientGrants returns every grant in creation order.
func (s *Store) ListClientGrants(ctx context.Context) ([]idp.ClientGrant, error) {
	return list(ctx, s.db, scanGrant, "client grants", `SELECT `+grantCols+` FROM client_grants ORDER BY seq`)
}
