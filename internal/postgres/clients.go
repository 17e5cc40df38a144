package postgres

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgtype"
)

// refreshTokenDoc is the jsonb form of idp.RefreshTokenConfig, keyed by
// Auth0's names so the stored shape does not follow Go renames.
type refreshTokenDoc struct {
	RotationType              string `json:"rotation_type"`
	ExpirationType            string `json:"expiration_type"`
	Leeway                    int    `json:"leeway"`
	TokenLifetime             int    `json:"token_lifetime"`
	IdleTokenLifetime         int    `json:"idle_token_lifetime"`
	InfiniteTokenLifetime     bool   `json:"infinite_token_lifetime"`
	InfiniteIdleTokenLifetime bool   `json:"infinite_idle_token_lifetime"`
}

const clientCols = `id, name, description, app_type, secret_hash, token_endpoint_auth_method,
	grant_types, callbacks, allowed_origins, web_origins, allowed_logout_urls, jwt_alg,
	jwt_lifetime, refresh_token, is_first_party, oidc_conformant, cross_origin_auth,
	token_endpoint_ip_trusted, sso_disabled, metadata, created_at, updated_at`

const clientSet = `name = $2, description = $3, app_type = $4, secret_hash = $5,
	token_endpoint_auth_method = $6, grant_types = $7, callbacks = $8, allowed_origins = $9,
	web_origins = $10, allowed_logout_urls = $11, jwt_alg = $12, jwt_lifetime = $13,
	refresh_token = $14, is_first_party = $15, oidc_conformant = $16, cross_origin_auth = $17,
	token_endpoint_ip_trusted = $18, sso_disabled = $19, metadata = $20, created_at = $21,
	updated_at = $22`

func scanClient(r scanner) (idp.Client, error) {
	var c idp.Client
	var rt refreshTokenDoc
	var created, updated pgtype.Timestamptz
	err := r.Scan(&c.ID, &c.Name, &c.Description, &c.AppType, &c.SecretHash, &c.TokenEndpointAuthMethod,
		&c.GrantTypes, &c.Callbacks, &c.AllowedOrigins, &c.WebOrigins, &c.AllowedLogoutURLs,
		&c.JWTConfiguration.Alg, &c.JWTConfiguration.LifetimeInSeconds, &rt, &c.IsFirstParty,
		&c.OIDCConformant, &c.CrossOriginAuth, &c.TokenEndpointIPTrusted, &c.SSODisabled,
		&c.Metadata, &created, &updated)
	c.RefreshToken = idp.RefreshTokenConfig(rt)
	c.CreatedAt, c.UpdatedAt = tsOut(created), tsOut(updated)
	return c, err
}

// clientArgs are the parameters $1…$22 of clientSet and the insert.
func clientArgs(c *idp.Client) []any {
	return []any{c.ID, c.Name, c.Description, c.AppType, c.SecretHash, c.TokenEndpointAuthMethod,
		c.GrantTypes, c.Callbacks, c.AllowedOrigins, c.WebOrigins, c.AllowedLogoutURLs,
		c.JWTConfiguration.Alg, c.JWTConfiguration.LifetimeInSeconds, refreshTokenDoc(c.RefreshToken),
		c.IsFirstParty, c.OIDCConformant, c.CrossOriginAuth, c.TokenEndpointIPTrusted,
		c.SSODisabled, c.Metadata, tsIn(c.CreatedAt), tsIn(c.UpdatedAt)}
}

// CreateClient stores c; a clash of id or name is EConflict.
func (s *Store) CreateClient(ctx context.Context, c idp.Client) error {
	_, err := s.db.Exec(ctx, `INSERT INTO clients (`+clientCols+`) VALUES ($1, $2, $3, $4, $5,
		$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
		clientArgs(&c)...)
	return mapErr(err, "client")
}

// GetClient returns the client with id.
func (s *Store) GetClient(ctx context.Context, id string) (idp.Client, error) {
	return getOne(ctx, s.db, scanClient, "client", `SELECT `+clientCols+` FROM clients WHERE id = $1`, id)
}

// GetClientByName returns the client called name.
func (s *Store) GetClientByName(ctx context.Context, name string) (idp.Client, error) {
	return getOne(ctx, s.db, scanClient, "client", `SELECT `+clientCols+` FROM clients WHERE name = $1`, name)
}

// UpdateClient runs fn on a copy of the client and stores the result; the id cannot change.
func (s *Store) UpdateClient(ctx context.Context, id string, fn func(*idp.Client) error) (idp.Client, error) {
	lock := func(q querier) (idp.Client, error) {
		return getOne(ctx, q, scanClient, "client", `SELECT `+clientCols+` FROM clients WHERE id = $1 FOR UPDATE`, id)
	}
	write := func(q querier, c *idp.Client) (idp.Client, error) {
		c.ID = id
		return getOne(ctx, q, scanClient, "client", `UPDATE clients SET `+clientSet+
			` WHERE id = $1 RETURNING `+clientCols, clientArgs(c)...)
	}
	return update(ctx, s, lock, fn, write)
}

// DeleteClient removes the client.
func (s *Store) DeleteClient(ctx context.Context, id string) error {
	return exec(ctx, s.db, "client", `DELETE FROM clients WHERE id = $1`, id)
}

// ListClients returns every client in creation order.
func (s *Store) ListClients(ctx context.Context) ([]idp.Client, error) {
	return list(ctx, s.db, scanClient, "clients", `SELECT `+clientCols+` FROM clients ORDER BY seq`)
}
