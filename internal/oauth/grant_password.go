package oauth

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// password is the plain password grant: it logs in against the tenant's
// default_directory connection (§3.3).
func (h *Handler) password(ctx context.Context, x *exchange) error {
	t, err := h.tenantOf(ctx, x)
	if err != nil {
		return err
	}
	if t.DefaultDirectory == "" {
		h.log().Warn("password grant: the tenant has no default_directory", "client_id", x.client.ID)
		return errNoDefaultConnection()
	}
	return h.passwordLogin(ctx, x, t.DefaultDirectory, true)
}

// passwordRealm is the password-realm grant: realm names the connection.
func (h *Handler) passwordRealm(ctx context.Context, x *exchange) error {
	if x.req.Realm == "" {
		return errMissing("realm")
	}
	return h.passwordLogin(ctx, x, x.req.Realm, false)
}

// passwordLogin checks the user's password on connection and settles the
// scopes. isDefault says the connection came from the tenant settings, so
// its absence is the server's misconfiguration.
func (h *Handler) passwordLogin(ctx context.Context, x *exchange, connection string, isDefault bool) error {
	if x.req.Username == "" {
		return errMissing("username")
	}
	if x.req.Password == "" {
		return errMissing("password")
	}
	if err := h.checkConnection(ctx, x.client.ID, connection, isDefault); err != nil {
		return err
	}
	u, err := h.Users.Login(ctx, connection, x.req.Username, x.req.Password, x.ip)
	if err != nil {
		return loginError(err)
	}
	x.user, x.subject, x.gty = &u, u.ID, "password"
	return h.userScopes(ctx, x)
}

// checkConnection requires the connection to exist and be enabled for the
// client. The bodies are those Auth0 documented for the same checks on the
// legacy /oauth/ro endpoint (old-docs api/authentication/errors/_oauth-ro.md:
// 400 invalid_request "the connection was not found" / "the connection was
// disabled"); the OAuth alternatives (unauthorized_client, access_denied)
// have no source for /oauth/token.
func (h *Handler) checkConnection(ctx context.Context, clientID, name string, isDefault bool) error {
	conn, err := h.Store.GetConnectionByName(ctx, name)
	switch {
	case idp.IsNotFound(err) && isDefault:
		h.log().Warn("password grant: default_directory names no connection", "connection", name)
		return errNoDefaultConnection()
	case idp.IsNotFound(err):
		return errInvalidRequest("the connection was not found")
	case err != nil:
		return err
	case !conn.EnabledFor(clientID):
		return errInvalidRequest("the connection was disabled")
	}
	return nil
}
