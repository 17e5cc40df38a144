package config

import (
	"reflect"
	"slices"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func (a *applier) clients() error {
	for i := range a.t.Clients {
		if err := a.client(&a.t.Clients[i], index("clients", i)); err != nil {
			return err
		}
	}
	return nil
}

// client upserts by name. An explicit client_id must match the stored one.
func (a *applier) client(f *Client, p string) error {
	old, err := a.st.GetClientByName(a.ctx, f.Name)
	if idp.IsNotFound(err) {
		return a.createClient(f, p)
	}
	if err != nil {
		return err
	}
	if f.ClientID != "" && f.ClientID != old.ID {
		return a.conflict(at(p, "client_id"), "client %q already exists with a different client_id", f.Name)
	}
	a.remember(f, old.ID)
	c := old
	if err := a.overlayClient(f, &c, p); err != nil {
		return err
	}
	same := reflect.DeepEqual(old, c)
	c.UpdatedAt = a.now
	return a.update("client", f.Name, same, func() error {
		_, err := a.st.UpdateClient(a.ctx, old.ID, func(s *idp.Client) error { *s = c; return nil })
		return err
	})
}

func (a *applier) createClient(f *Client, p string) error {
	id := f.ClientID
	if id == "" {
		id = idp.NewClientID()
	} else if other, err := a.st.GetClient(a.ctx, id); err == nil {
		return a.conflict(at(p, "client_id"), "client_id is already used by client %q", other.Name)
	} else if !idp.IsNotFound(err) {
		return err
	}
	c := newClient(f, id, a.now)
	if err := a.overlayClient(f, &c, p); err != nil {
		return err
	}
	a.remember(f, id)
	a.record("client", f.Name, Created)
	return a.st.CreateClient(a.ctx, c)
}

// remember maps the file's references to a client onto its stored id.
func (a *applier) remember(f *Client, id string) {
	if f.ClientID != "" {
		if _, taken := a.clientIDs[f.ClientID]; !taken {
			a.clientIDs[f.ClientID] = id
		}
	}
	a.clientIDs[f.Name] = id // a name wins over an explicit id, as in Validate
}

// newClient is a client as Auth0 creates it (contract §14.4, §3.5), with
// the dashboard's grants and authentication method for its app_type.
func newClient(f *Client, id string, now time.Time) idp.Client {
	appType, method := deref(f.AppType), authMethod(f)
	grants := idp.DefaultGrantTypes(appType)
	if method == idp.AuthNone {
		grants = slices.DeleteFunc(grants, func(g string) bool { return g == idp.GrantClientCredentials })
	}
	return idp.Client{
		ID: id, Name: f.Name, AppType: appType, TokenEndpointAuthMethod: method, GrantTypes: grants,
		JWTConfiguration: idp.JWTConfiguration{Alg: defaultSigningAlg, LifetimeInSeconds: defaultIDTokenLifetime},
		RefreshToken:     idp.DefaultRefreshTokenConfig(), IsFirstParty: true, CreatedAt: now, UpdatedAt: now,
	}
}

// overlayClient writes the file's fields over c, then settles its secret.
func (a *applier) overlayClient(f *Client, c *idp.Client, p string) error {
	f.overlay(c)
	if c.IsPublic() && c.AllowsGrant(idp.GrantClientCredentials) {
		return a.invalid(at(p, "token_endpoint_auth_method"), "a public client cannot keep the client_credentials grant")
	}
	switch {
	case c.IsPublic():
		c.SecretHash = nil
	case f.ClientSecret != "":
		c.SecretHash = a.secrets.Hash(f.ClientSecret)
	case len(c.SecretHash) == 0:
		secret := idp.NewClientSecret()
		c.SecretHash = a.secrets.Hash(secret)
		a.res.Secrets[f.Name] = secret
	}
	return nil
}

func (f *Client) overlay(c *idp.Client) {
	set(&c.Description, f.Description)
	set(&c.AppType, f.AppType)
	set(&c.TokenEndpointAuthMethod, f.TokenEndpointAuthMethod)
	setList(&c.GrantTypes, f.GrantTypes)
	setList(&c.Callbacks, f.Callbacks)
	setList(&c.AllowedOrigins, f.AllowedOrigins)
	setList(&c.WebOrigins, f.WebOrigins)
	setList(&c.AllowedLogoutURLs, f.AllowedLogoutURLs)
	set(&c.IsFirstParty, f.IsFirstParty)
	set(&c.OIDCConformant, f.OIDCConformant)
	set(&c.CrossOriginAuth, f.CrossOriginAuthentication)
	set(&c.TokenEndpointIPTrusted, f.TokenEndpointIPHeaderTrusted)
	set(&c.SSODisabled, f.SSODisabled)
	setMap(&c.Metadata, f.ClientMetadata)
	if j := f.JWTConfiguration; j != nil {
		set(&c.JWTConfiguration.Alg, j.Alg)
		set(&c.JWTConfiguration.LifetimeInSeconds, j.LifetimeInSeconds)
	}
	if r := f.RefreshToken; r != nil {
		r.overlay(&c.RefreshToken)
	}
}

func (r *RefreshToken) overlay(c *idp.RefreshTokenConfig) {
	set(&c.RotationType, r.RotationType)
	set(&c.ExpirationType, r.ExpirationType)
	set(&c.Leeway, r.Leeway)
	set(&c.TokenLifetime, r.TokenLifetime)
	set(&c.IdleTokenLifetime, r.IdleTokenLifetime)
	set(&c.InfiniteTokenLifetime, r.InfiniteTokenLifetime)
	set(&c.InfiniteIdleTokenLifetime, r.InfiniteIdleTokenLifetime)
}
