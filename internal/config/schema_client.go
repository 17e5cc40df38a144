package config

// Client is one entry of `clients`, keyed by Name (contract §17.3).
//
// ClientID and ClientSecret are a Gatehouse extension for tests and
// development: fixed credentials instead of generated ones.
type Client struct {
	Name                         string            `yaml:"name"`
	ClientID                     string            `yaml:"client_id,omitempty"`
	ClientSecret                 string            `yaml:"client_secret,omitempty"`
	Description                  *string           `yaml:"description,omitempty"`
	LogoURI                      *string           `yaml:"logo_uri,omitempty"`
	AppType                      *string           `yaml:"app_type,omitempty"`
	Callbacks                    []string          `yaml:"callbacks,omitempty"`
	AllowedOrigins               []string          `yaml:"allowed_origins,omitempty"`
	WebOrigins                   []string          `yaml:"web_origins,omitempty"`
	AllowedLogoutURLs            []string          `yaml:"allowed_logout_urls,omitempty"`
	AllowedClients               []string          `yaml:"allowed_clients,omitempty"`
	ClientAliases                []string          `yaml:"client_aliases,omitempty"`
	GrantTypes                   []string          `yaml:"grant_types,omitempty"`
	TokenEndpointAuthMethod      *string           `yaml:"token_endpoint_auth_method,omitempty"`
	JWTConfiguration             *JWTConfiguration `yaml:"jwt_configuration,omitempty"`
	RefreshToken                 *RefreshToken     `yaml:"refresh_token,omitempty"`
	OIDCConformant               *bool             `yaml:"oidc_conformant,omitempty"`
	IsFirstParty                 *bool             `yaml:"is_first_party,omitempty"`
	TokenEndpointIPHeaderTrusted *bool             `yaml:"is_token_endpoint_ip_header_trusted,omitempty"`
	CrossOriginAuthentication    *bool             `yaml:"cross_origin_authentication,omitempty"`
	SSODisabled                  *bool             `yaml:"sso_disabled,omitempty"`
	CustomLoginPageOn            *bool             `yaml:"custom_login_page_on,omitempty"`
	InitiateLoginURI             *string           `yaml:"initiate_login_uri,omitempty"`
	ClientMetadata               map[string]string `yaml:"client_metadata,omitempty"`
	AuthenticationMethods        *AuthMethods      `yaml:"client_authentication_methods,omitempty"`
}

// JWTConfiguration is a client's ID-token setup.
type JWTConfiguration struct {
	Alg               *string `yaml:"alg,omitempty"`
	LifetimeInSeconds *int    `yaml:"lifetime_in_seconds,omitempty"`
	SecretEncoded     *bool   `yaml:"secret_encoded,omitempty"` // accepted, ignored
}

// RefreshToken is a client's refresh_token policy (contract §3.5).
type RefreshToken struct {
	RotationType              *string `yaml:"rotation_type,omitempty"`
	ExpirationType            *string `yaml:"expiration_type,omitempty"`
	Leeway                    *int    `yaml:"leeway,omitempty"`
	TokenLifetime             *int    `yaml:"token_lifetime,omitempty"`
	IdleTokenLifetime         *int    `yaml:"idle_token_lifetime,omitempty"`
	InfiniteTokenLifetime     *bool   `yaml:"infinite_token_lifetime,omitempty"`
	InfiniteIdleTokenLifetime *bool   `yaml:"infinite_idle_token_lifetime,omitempty"`
}

// AuthMethods is client_authentication_methods. It is decoded so the file
// is read strictly, then refused by Validate: Gatehouse has no
// private_key_jwt client authentication.
type AuthMethods struct {
	PrivateKeyJWT *PrivateKeyJWT `yaml:"private_key_jwt,omitempty"`
}

// PrivateKeyJWT lists the public keys of a private_key_jwt client.
type PrivateKeyJWT struct {
	Credentials []Credential `yaml:"credentials,omitempty"`
}

// Credential is one private_key_jwt public key.
type Credential struct {
	Name                string `yaml:"name,omitempty"`
	CredentialType      string `yaml:"credential_type,omitempty"`
	PEM                 string `yaml:"pem,omitempty"`
	Alg                 string `yaml:"alg,omitempty"`
	ParseExpiryFromCert *bool  `yaml:"parse_expiry_from_cert,omitempty"`
	ExpiresAt           string `yaml:"expires_at,omitempty"`
}
