package sqlite

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const apiFields = `name, identifier, scopes, signing_alg, token_lifetime, token_lifetime_for_web,
	allow_offline_access, skip_consent, enforce_policies, token_dialect, is_system`

const (
	selectAPI = "SELECT id, " + apiFields + " FROM resource_servers"
	insertAPI = "INSERT INTO resource_servers (id, " + apiFields + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	updateAPI = "UPDATE resource_servers SET (" + apiFields + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?"
)

func apiArgs(r idp.ResourceServer) []any {
	return []any{
		r.Name, r.Identifier, jsonArg{r.Scopes}, r.SigningAlg, r.TokenLifetime, r.TokenLifetimeForWeb,
		r.AllowOfflineAccess, r.SkipConsent, r.EnforcePolicies, r.TokenDialect, r.IsSystem,
	}
}

func scanAPI(row scanner) (idp.ResourceServer, error) {
	var r idp.ResourceServer
	err := row.Scan(&r.ID, &r.Name, &r.Identifier, jsonCol{&r.Scopes}, &r.SigningAlg,
		&r.TokenLifetime, &r.TokenLifetimeForWeb, &r.AllowOfflineAccess, &r.SkipConsent,
		&r.EnforcePolicies, &r.TokenDialect, &r.IsSystem)
	return r, dbErr(err, "resource server")
}

// CreateResourceServer stores r; its id and identifier must be unused.
func (s *Store) CreateResourceServer(ctx context.Context, r idp.ResourceServer) error {
	_, err := s.writer().ExecContext(ctx, insertAPI, append([]any{r.ID}, apiArgs(r)...)...)
	return dbErr(err, "resource server")
}

// GetResourceServer returns the API with id.
func (s *Store) GetResourceServer(ctx context.Context, id string) (idp.ResourceServer, error) {
	return scanAPI(s.reader().QueryRowContext(ctx, selectAPI+" WHERE id = ?", id))
}

// GetResourceServerByIdentifier returns the API whose audience is identifier.
func (s *Store) GetResourceServerByIdentifier(ctx context.Context, identifier string) (idp.ResourceServer, error) {
	return scanAPI(s.reader().QueryRowContext(ctx, selectAPI+" WHERE identifier = ?", identifier))
}

// UpdateResourceServer applies fn to the API with id inside one transaction.
func (s *Store) UpdateResourceServer(ctx context.Context, id string, fn func(*idp.ResourceServer) error) (idp.ResourceServer, error) {
	return update(ctx, s, fn,
		func(tx *txn) (idp.ResourceServer, error) {
			return scanAPI(tx.QueryRowContext(ctx, selectAPI+" WHERE id = ?", id))
		},
		func(tx *txn, r idp.ResourceServer) error {
			_, err := tx.ExecContext(ctx, updateAPI, append(apiArgs(r), id)...)
			return dbErr(err, "resource server")
		})
}

// DeleteResourceServer removes the API.
func (s *Store) DeleteResourceServer(ctx context.Context, id string) error {
	return execOne(ctx, s.writer(), "resource server", "DELETE FROM resource_servers WHERE id = ?", id)
}

// ListResourceServers returns every API, by name.
func (s *Store) ListResourceServers(ctx context.Context) ([]idp.ResourceServer, error) {
	rows, err := s.reader().QueryContext(ctx, selectAPI+" ORDER BY name")
	if err != nil {
		return nil, dbErr(err, "resource server")
	}
	return collect(rows, scanAPI)
}
