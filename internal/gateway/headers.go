package gateway

import (
	"net/http"
	"strings"

	"github.com/gatehouse/gatehouse/jwtauth"
)

// The headers that carry verified claims upstream. Inbound requests never
// keep them, on any route, so an upstream can trust what it finds there.
const (
	HeaderSubject     = "X-Auth-Subject"     // sub
	HeaderScopes      = "X-Auth-Scopes"      // scope, space-separated
	HeaderPermissions = "X-Auth-Permissions" // permissions, space-separated
	HeaderClientID    = "X-Auth-Client-Id"   // azp or client_id
)

var claimHeaders = []string{HeaderSubject, HeaderScopes, HeaderPermissions, HeaderClientID}

// stripClaimHeaders deletes the claim headers from h, also when spelled
// with underscores (X_Auth_Subject), which CGI-style frameworks read as
// the same name.
func stripClaimHeaders(h http.Header) {
	for k := range h {
		if isClaimHeader(k) {
			delete(h, k)
		}
	}
}

func isClaimHeader(name string) bool {
	if len(name) < len("X-Auth-") || !strings.EqualFold(name[:2], "x-") && !strings.EqualFold(name[:2], "x_") {
		return false
	}
	name = strings.ReplaceAll(name, "_", "-")
	for _, c := range claimHeaders {
		if strings.EqualFold(name, c) {
			return true
		}
	}
	return false
}

func setClaimHeaders(h http.Header, c *jwtauth.Claims) {
	set := func(name, value string) {
		if value != "" {
			h[name] = []string{headerSafe(value)}
		}
	}
	set(HeaderSubject, c.Subject)
	set(HeaderScopes, strings.Join(c.Scopes, " "))
	set(HeaderPermissions, strings.Join(c.Permissions, " "))
	set(HeaderClientID, c.AuthorizedParty)
}

// headerSafe drops control characters, which no header value may hold.
func headerSafe(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
