package jwtauth

import (
	"encoding/json"
	"slices"
	"time"
)

// Claims are the verified claims of an access token. Validate may return
// the same *Claims for repeated tokens: treat it as read-only.
type Claims struct {
	Issuer    string
	Subject   string
	Audience  []string
	Expiry    time.Time
	IssuedAt  time.Time // zero when the token has no iat
	NotBefore time.Time // zero when the token has no nbf
	ID        string    // jti, if any
	// Scopes is the space-separated scope claim, split.
	Scopes []string
	// Permissions is Auth0's RBAC permissions claim.
	Permissions []string
	// AuthorizedParty is azp (Auth0 profile) or client_id (RFC 9068).
	AuthorizedParty string
	// GrantType is Auth0's gty, e.g. "client-credentials".
	GrantType string

	raw []byte
}

// Decode unmarshals the full claim set, custom claims included, into v.
func (c *Claims) Decode(v any) error { return json.Unmarshal(c.raw, v) }

// HasScope reports whether the token grants scope s.
func (c *Claims) HasScope(s string) bool { return slices.Contains(c.Scopes, s) }

// HasPermission reports whether the token carries permission p.
func (c *Claims) HasPermission(p string) bool { return slices.Contains(c.Permissions, p) }
