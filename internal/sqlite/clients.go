package sqlite

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const clientFields = `name, description, app_type, secret_hash, token_endpoint_auth_method,
	grant_types, callbacks, allowed_origins, web_origins, allowed_logout_urls,
	jwt_configuration, refresh_token, is_first_party, oidc_conformant, cross_origin_auth,
	token_endpoint_ip_trusted, sso_disabled, metadata, created_at, updated_at`

const (
	selectClient = "SELECT id, " + clientFields + " FROM clients"
	insertClient = "INSERT INTO clients (id, " + clientFields + ") VALUES (?, " +
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	updateClient = "UPDATE clients SET (" + clientFields + ") = (" +
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?"
)

func clientArgs(c idp.Client) []any {
	return []any{
		c.Name, c.Description, c.AppType, c.SecretHash, c.TokenEndpointAuthMethod,
		jsonArg{c.GrantTypes}, jsonArg{c.Callbacks}, jsonArg{c.AllowedOrigins},
		jsonArg{c.WebOrigins}, jsonArg{c.AllowedLogoutURLs},
		jsonArg{c.JWTConfiguration}, jsonArg{c.RefreshToken}, c.IsFirstParty, c.OIDCConformant,
		c.CrossOriginAuth, c.TokenEndpointIPTrusted, c.SSODisabled, jsonArg{c.Metadata},
		micros(c.CreatedAt), micros(c.UpdatedAt),
	}
}

func scanClient(row scanner) (idp.Client, error) {
	var c idp.Client
	err := row.Scan(&c.ID, &c.Name, &c.Description, &c.AppType, &c.SecretHash, &c.TokenEndpointAuthMethod,
		jsonCol{&c.GrantTypes}, jsonCol{&c.Callbacks}, jsonCol{&c.AllowedOrigins},
		jsonCol{&c.WebOrigins}, jsonCol{&c.AllowedLogoutURLs},
		jsonCol{&c.JWTConfiguration}, jsonCol{&c.RefreshToken}, &c.IsFirstParty, &c.OIDCConformant,
		&c.CrossOriginAuth, &c.TokenEndpointIPTrusted, &c.SSODisabled, jsonCol{&c.Metadata},
		timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt})
	return c, dbErr(err, "client")
}

// CreateClient stores c; its id and name must be unused.
func (s *Store) CreateClient(ctx context.Context, c idp.Client) error {
	_, err := s.writer().ExecContext(ctx, insertClient, append([]any{c.ID}, clientArgs(c)...)...)
	return dbErr(err, "client")
}

// GetClient returns the client with id (client_id).
func (s *Store) GetClient(ctx context.Context, id string) (idp.Client, error) {
	return scanClient(s.reader().QueryRowContext(ctx, selectClient+" WHERE id = ?", id))
}

// GetClientByName returns the client named name.
func (s *Store) GetClientByName(ctx context.Context, name string) (idp.Client, error) {
	return scanClient(s.reader().QueryRowContext(ctx, selectClient+" WHERE name = ?", name))
}

// UpdateClient applies fn to the client with id inside one transaction.
func (s *Store) UpdateClient(ctx context.Context, id string, fn func(*idp.Client) error) (idp.Client, error) {
	return update(ctx, s, fn,
		func(tx *txn) (idp.Client, error) {
			return scanClient(tx.QueryRowContext(ctx, selectClient+" WHERE id = ?", id))
		},
		func(tx *txn, c idp.Client) error {
			_, err := tx.ExecContext(ctx, updateClient, append(clientArgs(c), id)...)
			return dbErr(err, "client")
		})
}

// DeleteClient removes the client.
func (s *Store) DeleteClient(ctx context.Context, id string) error {
	return execOne(ctx, s.writer(), "client", "DELETE FROM clients WHERE id = ?", id)
}

// ListClients returns every client, by name.
func (s *Store) ListClients(ctx context.Context) ([]idp.Client, error) {
	rows, err := s.reader().QueryContext(ctx, selectClient+" ORDER BY name")
	if err != nil {
		return nil, dbErr(err, "client")
	}
	return collect(rows, scanClient)
}
