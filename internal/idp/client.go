package idp

import "time"

// Application types (Auth0's app_type).
const (
	AppNonInteractive = "non_interactive"
	AppSPA            = "spa"
	AppRegularWeb     = "regular_web"
	AppNative         = "native"
)

// Grant types an application may be allowed.
const (
	GrantAuthorizationCode = "authorization_code"
	GrantImplicit          = "implicit"
	GrantRefreshToken      = "refresh_token"
	GrantClientCredentials = "client_credentials"
	GrantPassword          = "password"
	GrantPasswordRealm     = "http://auth0.com/oauth/grant-type/password-realm"
)

// Token endpoint authentication methods.
const (
	AuthNone              = "none"
	AuthClientSecretPost  = "client_secret_post"
	AuthClientSecretBasic = "client_secret_basic"
)

// Client is an application.
type Client struct {
	ID                      string // client_id
	Name                    string // unique; the deploy CLI's key
	Description             string
	AppType                 string
	SecretHash              []byte // SecretHasher.Hash of client_secret; nil for public clients
	TokenEndpointAuthMethod string
	GrantTypes              []string
	Callbacks               []string
	AllowedOrigins          []string
	WebOrigins              []string
	AllowedLogoutURLs       []string
	JWTConfiguration        JWTConfiguration
	RefreshToken            RefreshTokenConfig
	IsFirstParty            bool
	OIDCConformant          bool
	CrossOriginAuth         bool
	TokenEndpointIPTrusted  bool // is_token_endpoint_ip_header_trusted
	SSODisabled             bool
	Metadata                map[string]string // client_metadata
	CreatedAt               time.Time
	UpdatedAt               time.Time
}

// JWTConfiguration is the ID-token signing setup of a client.
type JWTConfiguration struct {
	Alg               string // RS256 (default)
	LifetimeInSeconds int    // ID token lifetime; default 36000
}

// RefreshTokenConfig is a client's refresh-token policy (contract §3.5).
type RefreshTokenConfig struct {
	RotationType              string // rotating | non-rotating
	ExpirationType            string // expiring | non-expiring
	Leeway                    int    // seconds the previous token stays usable after rotation
	TokenLifetime             int    // absolute lifetime, seconds
	IdleTokenLifetime         int    // idle lifetime, seconds
	InfiniteTokenLifetime     bool
	InfiniteIdleTokenLifetime bool
}

// DefaultRefreshTokenConfig is what Auth0 gives a new client.
func DefaultRefreshTokenConfig() RefreshTokenConfig {
	return RefreshTokenConfig{
		RotationType: "non-rotating", ExpirationType: "non-expiring",
		TokenLifetime: 2592000, IdleTokenLifetime: 1296000,
		InfiniteTokenLifetime: true, InfiniteIdleTokenLifetime: true,
	}
}

// IsPublic reports whether the client authenticates with no secret.
func (c *Client) IsPublic() bool { return c.TokenEndpointAuthMethod == AuthNone }

// AllowsGrant reports whether grant is enabled for the client.
func (c *Client) AllowsGrant(grant string) bool {
	for _, g := range c.GrantTypes {
		if g == grant {
			return true
		}
	}
	return false
}

// DefaultGrantTypes returns the grants a new application of appType gets,
// as Auth0's dashboard sets them.
func DefaultGrantTypes(appType string) []string {
	switch appType {
	case AppSPA, AppNative:
		return []string{GrantImplicit, GrantAuthorizationCode, GrantRefreshToken}
	case AppNonInteractive:
		return []string{GrantClientCredentials}
	default:
		return []string{GrantImplicit, GrantAuthorizationCode, GrantRefreshToken, GrantClientCredentials}
	}
}
