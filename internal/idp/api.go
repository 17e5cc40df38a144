package idp

// Token dialects of a resource server.
const (
	DialectAccessToken      = "access_token"
	DialectAccessTokenAuthz = "access_token_authz"
	DialectRFC9068          = "rfc9068_profile"
	DialectRFC9068Authz     = "rfc9068_profile_authz"
)

// ResourceServer is an API: its Identifier is the audience of its tokens.
type ResourceServer struct {
	ID                  string // 24 hex
	Name                string
	Identifier          string // audience; unique
	Scopes              []Scope
	SigningAlg          string // RS256 (default) or ES256
	TokenLifetime       int    // seconds; default 86400
	TokenLifetimeForWeb int    // seconds; default 7200
	AllowOfflineAccess  bool
	SkipConsent         bool // skip_consent_for_verifiable_first_party_clients
	EnforcePolicies     bool // RBAC
	TokenDialect        string
	IsSystem            bool
}

// Scope is a permission an API defines.
type Scope struct {
	Value       string
	Description string
}

// HasScope reports whether the API defines scope.
func (r *ResourceServer) HasScope(scope string) bool {
	for _, s := range r.Scopes {
		if s.Value == scope {
			return true
		}
	}
	return false
}

// AddsPermissions reports whether access tokens carry a permissions claim.
func (r *ResourceServer) AddsPermissions() bool {
	return r.EnforcePolicies &&
		(r.TokenDialect == DialectAccessTokenAuthz || r.TokenDialect == DialectRFC9068Authz)
}

// ClientGrant lets a client get client-credentials tokens for an audience.
type ClientGrant struct {
	ID       string // "cgr_…"
	ClientID string
	Audience string
	Scope    []string
}

// Role groups permissions; users are assigned roles.
type Role struct {
	ID          string // "rol_…"
	Name        string // unique
	Description string
	Permissions []Permission
}

// Permission is a scope of one API, as held by a role or a user.
type Permission struct {
	ResourceServerIdentifier string
	PermissionName           string
}
