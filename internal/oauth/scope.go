package oauth

import (
	"context"
	"slices"
	"strings"
)

// Scopes with a meaning of their own in OpenID Connect and Auth0.
const (
	scopeOpenID        = "openid"
	scopeProfile       = "profile"
	scopeEmail         = "email"
	scopeOfflineAccess = "offline_access"
)

// standardScopes is what a password grant gets when it asks for no scope,
// or for openid alone (§3.4; the rec response "openid profile email
// address phone").
var standardScopes = []string{"openid", "profile", "email", "address", "phone"}

// isOIDCScope reports whether s is a scope every token may carry whatever
// its API defines.
func isOIDCScope(s string) bool {
	switch s {
	case "openid", "profile", "email", "address", "phone", scopeOfflineAccess:
		return true
	}
	return false
}

// userScopes settles the scopes of a user grant (§3.4): the OIDC scopes
// asked for (the standard set when none, or only openid), plus the API's
// scopes asked for (all of them when none), cut down to the user's
// permissions under RBAC. offline_access stays only where refresh tokens
// may be issued.
func (h *Handler) userScopes(ctx context.Context, x *exchange) error {
	requested := dedupe(strings.Fields(x.req.Scope))
	oidc := filter(requested, isOIDCScope)
	if len(requested) == 0 || slices.Equal(requested, []string{scopeOpenID}) {
		oidc = standardScopes
	}
	api := requested
	if len(requested) == 0 {
		api = nil
		if x.api != nil {
			api = apiScopeNames(x)
		}
	}
	apiScopes, err := h.apiScopes(ctx, x, api)
	if err != nil {
		return err
	}
	x.scopes = append(slices.Clip(oidc), apiScopes...)
	if !x.offlineAllowed() {
		x.scopes = slices.DeleteFunc(x.scopes, func(s string) bool { return s == scopeOfflineAccess })
	}
	return nil
}

// apiScopes keeps the wanted scopes the API defines and, under RBAC, the
// user holds; it also sets the permissions claim when the API's dialect
// carries one (all the user's permissions on the API).
func (h *Handler) apiScopes(ctx context.Context, x *exchange, want []string) ([]string, error) {
	if x.api == nil {
		return nil, nil
	}
	want = filter(want, func(s string) bool { return !isOIDCScope(s) && x.api.HasScope(s) })
	if !x.api.EnforcePolicies && !x.api.AddsPermissions() {
		return want, nil
	}
	perms, err := h.Store.UserPermissions(ctx, x.user.ID, x.api.Identifier)
	if err != nil {
		return nil, err
	}
	if x.api.AddsPermissions() {
		x.perms = append([]string{}, perms...)
	}
	if x.api.EnforcePolicies {
		want = intersect(want, perms)
	}
	return want, nil
}

func apiScopeNames(x *exchange) []string {
	names := make([]string, len(x.api.Scopes))
	for i, s := range x.api.Scopes {
		names[i] = s.Value
	}
	return names
}

// offlineAllowed: refresh tokens need an API that allows offline access
// (§3.4); /userinfo-only tokens may have them, as Auth0 gives SPAs without
// an audience.
func (x *exchange) offlineAllowed() bool {
	return x.api == nil || x.api.AllowOfflineAccess
}

// hasScope reports whether the granted scopes include s.
func (x *exchange) hasScope(s string) bool { return slices.Contains(x.scopes, s) }

// intersect returns the elements of a that are also in b, in a's order.
func intersect(a, b []string) []string {
	return filter(a, func(s string) bool { return slices.Contains(b, s) })
}

func filter(in []string, keep func(string) bool) []string {
	var out []string
	for _, s := range in {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

func dedupe(in []string) []string {
	out := in[:0:0]
	for _, s := range in {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
