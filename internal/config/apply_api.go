package config

import (
	"reflect"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func (a *applier) resourceServers() error {
	for i := range a.t.ResourceServers {
		if err := a.resourceServer(&a.t.ResourceServers[i], index("resourceServers", i)); err != nil {
			return err
		}
	}
	return nil
}

func (a *applier) resourceServer(f *ResourceServer, p string) error {
	old, err := a.st.GetResourceServerByIdentifier(a.ctx, f.Identifier)
	if idp.IsNotFound(err) {
		r := newResourceServer(f.Identifier)
		if err := a.overlayAPI(f, &r, p); err != nil {
			return err
		}
		a.record("resource_server", f.Identifier, Created)
		return a.st.CreateResourceServer(a.ctx, r)
	}
	if err != nil {
		return err
	}
	if old.IsSystem {
		return a.invalid(at(p, "identifier"), "%q is a system API and cannot be changed", f.Identifier)
	}
	r := old
	if err := a.overlayAPI(f, &r, p); err != nil {
		return err
	}
	return a.update("resource_server", f.Identifier, reflect.DeepEqual(old, r), func() error {
		_, err := a.st.UpdateResourceServer(a.ctx, old.ID, func(s *idp.ResourceServer) error { *s = r; return nil })
		return err
	})
}

// newResourceServer is an API as Auth0 creates it (contract §14.4).
func newResourceServer(identifier string) idp.ResourceServer {
	return idp.ResourceServer{
		ID: idp.NewResourceServerID(), Name: identifier, Identifier: identifier,
		SigningAlg: defaultSigningAlg, TokenLifetime: defaultTokenLifetime,
		TokenLifetimeForWeb: defaultTokenLifetimeForWeb, TokenDialect: idp.DialectAccessToken,
	}
}

// overlayAPI writes the file's fields over r. A browser-flow lifetime the
// file does not set follows a shorter token_lifetime down.
func (a *applier) overlayAPI(f *ResourceServer, r *idp.ResourceServer, p string) error {
	set(&r.Name, f.Name)
	setList(&r.Scopes, scopes(f.Scopes))
	set(&r.SigningAlg, f.SigningAlg)
	set(&r.TokenLifetime, f.TokenLifetime)
	set(&r.TokenLifetimeForWeb, f.TokenLifetimeForWeb)
	set(&r.AllowOfflineAccess, f.AllowOfflineAccess)
	set(&r.SkipConsent, f.SkipConsent)
	set(&r.EnforcePolicies, f.EnforcePolicies)
	set(&r.TokenDialect, f.TokenDialect)
	if f.TokenLifetimeForWeb == nil {
		r.TokenLifetimeForWeb = min(r.TokenLifetimeForWeb, r.TokenLifetime)
	}
	if r.TokenLifetimeForWeb > r.TokenLifetime {
		return a.invalid(at(p, "token_lifetime_for_web"), "%d exceeds the API's token_lifetime %d", r.TokenLifetimeForWeb, r.TokenLifetime)
	}
	return nil
}

func scopes(in []Scope) []idp.Scope {
	if in == nil {
		return nil
	}
	out := make([]idp.Scope, len(in))
	for i, s := range in {
		out[i] = idp.Scope{Value: s.Value, Description: s.Description}
	}
	return out
}

func (a *applier) clientGrants() error {
	for i := range a.t.ClientGrants {
		if err := a.clientGrant(&a.t.ClientGrants[i]); err != nil {
			return err
		}
	}
	return nil
}

// clientGrant upserts by (client, audience); the file's scope replaces the
// stored one.
func (a *applier) clientGrant(f *ClientGrant) error {
	clientID, key := a.clientIDs[f.ClientID], f.ClientID+" -> "+f.Audience
	old, err := a.st.GetClientGrant(a.ctx, clientID, f.Audience)
	if idp.IsNotFound(err) {
		g := idp.ClientGrant{ID: idp.NewClientGrantID(), ClientID: clientID, Audience: f.Audience, Scope: []string{}}
		setList(&g.Scope, f.Scope)
		a.record("client_grant", key, Created)
		return a.st.CreateClientGrant(a.ctx, g)
	}
	if err != nil {
		return err
	}
	g := old
	setList(&g.Scope, f.Scope)
	return a.update("client_grant", key, reflect.DeepEqual(old, g), func() error {
		_, err := a.st.UpdateClientGrant(a.ctx, old.ID, func(s *idp.ClientGrant) error { *s = g; return nil })
		return err
	})
}
