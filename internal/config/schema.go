package config

// Tenant is one tenant file, decoded. Every field is optional: a nil
// pointer or slice means the file does not mention it, so Apply leaves the
// stored value (or, on create, Auth0's default) alone.
type Tenant struct {
	Settings         *TenantSettings   `yaml:"tenant,omitempty"`
	Clients          []Client          `yaml:"clients,omitempty"`
	ResourceServers  []ResourceServer  `yaml:"resourceServers,omitempty"`
	ClientGrants     []ClientGrant     `yaml:"clientGrants,omitempty"`
	Databases        []Database        `yaml:"databases,omitempty"`
	Roles            []Role            `yaml:"roles,omitempty"`
	AttackProtection *AttackProtection `yaml:"attackProtection,omitempty"`
	Branding         *Branding         `yaml:"branding,omitempty"`

	file  string         // the name errors carry
	lines map[string]int // path ("clients[0].app_type") -> line
}

// TenantSettings is the `tenant` section (contract §17.3, §14.6).
type TenantSettings struct {
	FriendlyName        *string         `yaml:"friendly_name,omitempty"`
	PictureURL          *string         `yaml:"picture_url,omitempty"`
	SupportEmail        *string         `yaml:"support_email,omitempty"`
	SupportURL          *string         `yaml:"support_url,omitempty"`
	DefaultDirectory    *string         `yaml:"default_directory,omitempty"`
	DefaultAudience     *string         `yaml:"default_audience,omitempty"`
	AllowedLogoutURLs   []string        `yaml:"allowed_logout_urls,omitempty"`
	SessionLifetime     *float64        `yaml:"session_lifetime,omitempty"`      // hours
	IdleSessionLifetime *float64        `yaml:"idle_session_lifetime,omitempty"` // hours
	SessionCookie       *SessionCookie  `yaml:"session_cookie,omitempty"`
	EnabledLocales      []string        `yaml:"enabled_locales,omitempty"`
	Flags               map[string]bool `yaml:"flags,omitempty"`
}

// SessionCookie is tenant.session_cookie; accepted, not enforced.
type SessionCookie struct {
	Mode *string `yaml:"mode,omitempty"` // persistent | non-persistent
}

// File returns the name the tenant was loaded from.
func (t *Tenant) File() string { return t.file }
