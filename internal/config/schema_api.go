package config

// ResourceServer is one entry of `resourceServers` (an API), keyed by
// Identifier.
type ResourceServer struct {
	Name                *string `yaml:"name,omitempty"`
	Identifier          string  `yaml:"identifier"`
	Scopes              []Scope `yaml:"scopes,omitempty"`
	SigningAlg          *string `yaml:"signing_alg,omitempty"`
	SigningSecret       *string `yaml:"signing_secret,omitempty"` // refused: no HS256 APIs
	TokenLifetime       *int    `yaml:"token_lifetime,omitempty"`
	TokenLifetimeForWeb *int    `yaml:"token_lifetime_for_web,omitempty"`
	AllowOfflineAccess  *bool   `yaml:"allow_offline_access,omitempty"`
	SkipConsent         *bool   `yaml:"skip_consent_for_verifiable_first_party_clients,omitempty"`
	EnforcePolicies     *bool   `yaml:"enforce_policies,omitempty"`
	TokenDialect        *string `yaml:"token_dialect,omitempty"`
}

// Scope is a permission an API defines.
type Scope struct {
	Value       string `yaml:"value"`
	Description string `yaml:"description,omitempty"`
}

// ClientGrant is one entry of `clientGrants`. ClientID holds a client
// *name* (the deploy CLI's convention, contract §17.2) or the explicit
// client_id of a client in the same file.
type ClientGrant struct {
	ClientID       string   `yaml:"client_id"`
	Audience       string   `yaml:"audience"`
	Scope          []string `yaml:"scope,omitempty"`
	SubjectType    *string  `yaml:"subject_type,omitempty"`     // only "client"
	AllowAllScopes *bool    `yaml:"allow_all_scopes,omitempty"` // only false
	DefaultFor     *string  `yaml:"default_for,omitempty"`      // refused
}

// Role is one entry of `roles`, keyed by Name.
type Role struct {
	Name        string       `yaml:"name"`
	Description *string      `yaml:"description,omitempty"`
	Permissions []Permission `yaml:"permissions,omitempty"`
}

// Permission is a scope of one API held by a role.
type Permission struct {
	PermissionName           string `yaml:"permission_name"`
	ResourceServerIdentifier string `yaml:"resource_server_identifier"`
}
