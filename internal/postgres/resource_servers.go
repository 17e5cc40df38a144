package postgres

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// scopeDoc is the jsonb form of idp.Scope, as Auth0 names it.
type scopeDoc struct {
	Value       string `json:"value"`
	Description string `json:"description"`
}

const apiCols = `id, name, identifier, scopes, signing_alg, token_lifetime,
	token_lifetime_for_web, allow_offline_access, skip_consent, enforce_policies,
	token_dialect, is_system`

const apiSet = `name = $2, identifier = $3, scopes = $4, signing_alg = $5, token_lifetime = $6,
	token_lifetime_for_web = $7, allow_offline_access = $8, skip_consent = $9,
	enforce_policies = $10, token_dialect = $11, is_system = $12`

func scanAPI(r scanner) (idp.ResourceServer, error) {
	var a idp.ResourceServer
	var scopes []scopeDoc
	err := r.Scan(&a.ID, &a.Name, &a.Identifier, &scopes, &a.SigningAlg, &a.TokenLifetime,
		&a.TokenLifetimeForWeb, &a.AllowOfflineAccess, &a.SkipConsent, &a.EnforcePolicies,
		&a.TokenDialect, &a.IsSystem)
	if scopes != nil {
		a.Scopes = make([]idp.Scope, len(scopes))
		for i, sc := range scopes {
			a.Scopes[i] = idp.Scope(sc)
		}
	}
	return a, err
}

// apiArgs are the parameters $1…$12 of apiSet and the insert.
func apiArgs(a *idp.ResourceServer) []any {
	var scopes []scopeDoc // nil stays NULL so it reads back nil
	if a.Scopes != nil {
		scopes = make([]scopeDoc, len(a.Scopes))
		for i, sc := range a.Scopes {
			scopes[i] = scopeDoc(sc)
		}
	}
	return []any{a.ID, a.Name, a.Identifier, scopes, a.SigningAlg, a.TokenLifetime,
		a.TokenLifetimeForWeb, a.AllowOfflineAccess, a.SkipConsent, a.EnforcePolicies,
		a.TokenDialect, a.IsSystem}
}

// CreateResourceServer stores r; a clash of id or identifier is EConflict.
func (s *Store) CreateResourceServer(ctx context.Context, r idp.ResourceServer) error {
	_, err := s.db.Exec(ctx, `INSERT INTO resource_servers (`+apiCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, apiArgs(&r)...)
	return mapErr(err, "resource server")
}

// GetResourceServer returns the API with id.
func (s *Store) GetResourceServer(ctx context.Context, id string) (idp.ResourceServer, error) {
	return getOne(ctx, s.db, scanAPI, "resource server",
		`SELECT `+apiCols+` FROM resource_servers WHERE id = $1`, id)
}

// GetResourceServerByIdentifier returns the API whose audience is identifier.
func (s *Store) GetResourceServerByIdentifier(ctx context.Context, identifier string) (idp.ResourceServer, error) {
	return getOne(ctx, s.db, scanAPI, "resource server",
		`SELECT `+apiCols+` FROM resource_servers WHERE identifier = $1`, identifier)
}

// UpdateResourceServer runs fn on a copy of the API and stores the result; the id cannot change.
func (s *Store) UpdateResourceServer(ctx context.Context, id string, fn func(*idp.ResourceServer) error) (idp.ResourceServer, error) {
	lock := func(q querier) (idp.ResourceServer, error) {
		return getOne(ctx, q, scanAPI, "resource server",
			`SELECT `+apiCols+` FROM resource_servers WHERE id = $1 FOR UPDATE`, id)
	}
	write := func(q querier, a *idp.ResourceServer) (idp.ResourceServer, error) {
		a.ID = id
		return getOne(ctx, q, scanAPI, "resource server", `UPDATE resource_servers SET `+apiSet+
			` WHERE id = $1 RETURNING `+apiCols, apiArgs(a)...)
	}
	return update(ctx, s, lock, fn, write)
}

// DeleteResourceServer removes the API.
func (s *Store) DeleteResourceServer(ctx context.Context, id string) error {
	return exec(ctx, s.db, "resource server", `DELETE FROM resource_servers WHERE id = $1`, id)
}

// ListResourceServers returns every API in creation order.
func (s *Store) ListResourceServers(ctx context.Context) ([]idp.ResourceServer, error) {
	return list(ctx, s.db, scanAPI, "resource servers", `SELECT `+apiCols+` FROM resource_servers ORDER BY seq`)
}
