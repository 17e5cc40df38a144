package config

import "slices"

func (v *validator) resourceServers() {
	seen := map[string]string{}
	for i := range v.t.ResourceServers {
		r, p := &v.t.ResourceServers[i], index("resourceServers", i)
		v.required(at(p, "identifier"), r.Identifier)
		v.unique(seen, r.Identifier, at(p, "identifier"), "API identifier")
		v.resourceServer(r, p)
	}
}

func (v *validator) resourceServer(r *ResourceServer, p string) {
	if r.SigningSecret != nil {
		v.fail(at(p, "signing_secret"), "HS256 APIs are not supported: Gatehouse signs access tokens with RS256 or ES256; remove signing_secret")
	}
	v.oneOf(at(p, "signing_alg"), r.SigningAlg, signingAlgs)
	v.oneOf(at(p, "token_dialect"), r.TokenDialect, tokenDialects)
	v.between(at(p, "token_lifetime"), r.TokenLifetime, 1, maxTokenLifetime)
	lifetime := defaultTokenLifetime
	if r.TokenLifetime != nil {
		lifetime = *r.TokenLifetime
	}
	v.between(at(p, "token_lifetime_for_web"), r.TokenLifetimeForWeb, 1, lifetime)
	seen := map[string]string{}
	for j, s := range r.Scopes {
		sp := index(at(p, "scopes"), j)
		v.required(at(sp, "value"), s.Value)
		v.unique(seen, s.Value, at(sp, "value"), "scope")
	}
}

func (v *validator) clientGrants() {
	seen := map[string]string{}
	for i := range v.t.ClientGrants {
		g, p := &v.t.ClientGrants[i], index("clientGrants", i)
		v.clientRef(at(p, "client_id"), g.ClientID)
		api := v.apiRef(at(p, "audience"), g.Audience)
		for j, s := range g.Scope {
			v.scopeRef(index(at(p, "scope"), j), api, s)
		}
		v.unique(seen, g.ClientID+" -> "+g.Audience, p, "client grant")
		v.grantExtras(g, p)
	}
}

// grantExtras refuses grant options Gatehouse does not implement.
func (v *validator) grantExtras(g *ClientGrant, p string) {
	v.oneOf(at(p, "subject_type"), g.SubjectType, []string{"client"})
	if deref(g.AllowAllScopes) {
		v.fail(at(p, "allow_all_scopes"), "is not supported; list the scopes")
	}
	if g.DefaultFor != nil {
		v.fail(at(p, "default_for"), "is not supported")
	}
}

func (v *validator) roles() {
	seen := map[string]string{}
	for i := range v.t.Roles {
		r, p := &v.t.Roles[i], index("roles", i)
		v.required(at(p, "name"), r.Name)
		v.unique(seen, r.Name, at(p, "name"), "role name")
		held := map[string]string{}
		for j, perm := range r.Permissions {
			pp := index(at(p, "permissions"), j)
			api := v.apiRef(at(pp, "resource_server_identifier"), perm.ResourceServerIdentifier)
			v.scopeRef(at(pp, "permission_name"), api, perm.PermissionName)
			v.unique(held, perm.PermissionName+" on "+perm.ResourceServerIdentifier, pp, "permission")
		}
	}
}

// clientRef reports a reference to a client the file does not define, by
// name or by explicit client_id.
func (v *validator) clientRef(path, ref string) {
	if ref == "" {
		v.fail(path, "is required")
		return
	}
	if v.t.clientIndex(ref) < 0 {
		v.fail(path, "no client named %q in this file", ref)
	}
}

// apiRef returns the API with identifier id, reporting it when missing.
func (v *validator) apiRef(path, id string) *ResourceServer {
	if id == "" {
		v.fail(path, "is required")
		return nil
	}
	for i := range v.t.ResourceServers {
		if v.t.ResourceServers[i].Identifier == id {
			return &v.t.ResourceServers[i]
		}
	}
	v.fail(path, "no API with identifier %q in this file", id)
	return nil
}

// scopeRef reports a scope that api (when known) does not define.
func (v *validator) scopeRef(path string, api *ResourceServer, scope string) {
	if scope == "" {
		v.fail(path, "is required")
		return
	}
	if api != nil && !slices.ContainsFunc(api.Scopes, func(s Scope) bool { return s.Value == scope }) {
		v.fail(path, "API %q defines no scope %q", api.Identifier, scope)
	}
}

// clientIndex finds a client of the file by name, then by explicit id.
func (t *Tenant) clientIndex(ref string) int {
	if i := slices.IndexFunc(t.Clients, func(c Client) bool { return c.Name == ref }); i >= 0 {
		return i
	}
	return slices.IndexFunc(t.Clients, func(c Client) bool { return c.ClientID != "" && c.ClientID == ref })
}
