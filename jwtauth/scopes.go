package jwtauth

import (
	"net/http"
	"slices"
	"strings"
)

// RequireScopes admits requests whose token grants every one of scopes;
// others get 403 insufficient_scope (RFC 6750 §3.1). It must run inside
// Middleware; without verified claims it answers 401.
func RequireScopes(scopes ...string) func(http.Handler) http.Handler {
	return require("scope", scopes, true, (*Claims).HasScope)
}

// RequireAnyScope admits requests whose token grants at least one of
// scopes; with no scopes it admits none.
func RequireAnyScope(scopes ...string) func(http.Handler) http.Handler {
	return require("scope", scopes, false, (*Claims).HasScope)
}

// RequirePermissions admits requests whose token carries every one of
// perms in Auth0's permissions claim.
func RequirePermissions(perms ...string) func(http.Handler) http.Handler {
	return require("permission", perms, true, (*Claims).HasPermission)
}

// RequireAnyPermission admits requests whose token carries at least one of
// perms.
func RequireAnyPermission(perms ...string) func(http.Handler) http.Handler {
	return require("permission", perms, false, (*Claims).HasPermission)
}

func require(kind string, want []string, all bool, has func(*Claims, string) bool) func(http.Handler) http.Handler {
	want = slices.Clone(want)
	desc := "requires " + kind + "s: " + strings.Join(want, " ")
	if !all {
		desc = "requires one of the " + kind + "s: " + strings.Join(want, " ")
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c, ok := ClaimsFrom(r.Context())
			switch {
			case !ok:
				writeMissing(w, realmFrom(r.Context()))
			case !grants(c, want, all, has):
				writeChallenge(w, http.StatusForbidden, challenge{realm: realmFrom(r.Context()),
					code: "insufficient_scope", description: desc, scope: strings.Join(want, " ")})
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
}

func grants(c *Claims, want []string, all bool, has func(*Claims, string) bool) bool {
	if all {
		return !slices.ContainsFunc(want, func(s string) bool { return !has(c, s) })
	}
	return slices.ContainsFunc(want, func(s string) bool { return has(c, s) })
}
