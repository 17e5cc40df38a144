package config

import (
	"regexp"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// clientIDPattern is what an explicit client_id may look like.
var clientIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// minSecretLen keeps explicit client secrets guess-proof.
const minSecretLen = 32

func (v *validator) clients() {
	names, ids := map[string]string{}, map[string]string{}
	for i := range v.t.Clients {
		c, p := &v.t.Clients[i], index("clients", i)
		v.required(at(p, "name"), c.Name)
		v.unique(names, c.Name, at(p, "name"), "client name")
		v.unique(ids, c.ClientID, at(p, "client_id"), "client_id")
		v.client(c, p)
	}
}

func (v *validator) client(c *Client, p string) {
	v.oneOf(at(p, "app_type"), c.AppType, appTypes)
	v.each(at(p, "grant_types"), c.GrantTypes, grantTypes)
	v.oneOf(at(p, "token_endpoint_auth_method"), c.TokenEndpointAuthMethod, authMethods)
	v.jwtConfiguration(c.JWTConfiguration, at(p, "jwt_configuration"))
	v.refreshToken(c.RefreshToken, at(p, "refresh_token"))
	v.credentials(c, p)
	if c.AuthenticationMethods != nil {
		v.fail(at(p, "client_authentication_methods"), "private_key_jwt client authentication is not supported; use client_secret_post or client_secret_basic")
	}
}

// credentials checks the explicit client_id and secret, and the rules of
// public clients (contract §14.4).
func (v *validator) credentials(c *Client, p string) {
	if c.ClientID != "" && !clientIDPattern.MatchString(c.ClientID) {
		v.fail(at(p, "client_id"), "must be 16 to 64 characters of A-Z, a-z, 0-9, _ and -")
	}
	if c.ClientSecret != "" && len(c.ClientSecret) < minSecretLen {
		v.fail(at(p, "client_secret"), "must be at least %d characters", minSecretLen)
	}
	if authMethod(c) != idp.AuthNone {
		return
	}
	if c.ClientSecret != "" {
		v.fail(at(p, "client_secret"), "a public client (token_endpoint_auth_method none) has no secret")
	}
	for i, g := range c.GrantTypes {
		if g == idp.GrantClientCredentials {
			v.fail(index(at(p, "grant_types"), i), "a public client (token_endpoint_auth_method none) cannot use client_credentials")
		}
	}
}

func (v *validator) jwtConfiguration(j *JWTConfiguration, p string) {
	if j == nil {
		return
	}
	v.oneOf(at(p, "alg"), j.Alg, signingAlgs)
	v.between(at(p, "lifetime_in_seconds"), j.LifetimeInSeconds, 1, maxTokenLifetime)
}

func (v *validator) refreshToken(r *RefreshToken, p string) {
	if r == nil {
		return
	}
	v.oneOf(at(p, "rotation_type"), r.RotationType, []string{"rotating", "non-rotating"})
	v.oneOf(at(p, "expiration_type"), r.ExpirationType, []string{"expiring", "non-expiring"})
	v.between(at(p, "leeway"), r.Leeway, 0, maxRefreshLifetime)
	v.between(at(p, "token_lifetime"), r.TokenLifetime, 1, maxRefreshLifetime)
	v.between(at(p, "idle_token_lifetime"), r.IdleTokenLifetime, 1, maxRefreshLifetime)
}

// authMethod is the client's token_endpoint_auth_method, or the default
// Auth0's dashboard gives its app_type: none for SPAs and native apps.
func authMethod(c *Client) string {
	if c.TokenEndpointAuthMethod != nil {
		return *c.TokenEndpointAuthMethod
	}
	return defaultAuthMethod(deref(c.AppType))
}

func defaultAuthMethod(appType string) string {
	if appType == idp.AppSPA || appType == idp.AppNative {
		return idp.AuthNone
	}
	return idp.AuthClientSecretPost
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
