package idp

// Tenant holds tenant-wide settings. There is one tenant per Gatehouse.
type Tenant struct {
	FriendlyName      string
	PictureURL        string
	SupportEmail      string
	SupportURL        string
	DefaultDirectory  string // connection used by the plain password grant
	DefaultAudience   string
	AllowedLogoutURLs []string
	SessionLifetime   float64 // hours
	IdleSessionLife   float64 // hours
	Flags             map[string]bool
	BruteForce        BruteForceSettings
	Branding          Branding
}

// Branding styles the hosted pages (Auth0's branding settings).
type Branding struct {
	LogoURL        string
	PrimaryColor   string // #rrggbb; buttons and links
	PageBackground string // #rrggbb
}

// BruteForceSettings is attackProtection.bruteForceProtection (contract §12.1).
type BruteForceSettings struct {
	Enabled     bool
	Shields     []string // block, user_notification
	Mode        string   // count_per_identifier_and_ip | count_per_identifier
	Allowlist   []string
	MaxAttempts int
}

// DefaultTenant is the tenant before any configuration is applied.
func DefaultTenant() Tenant {
	return Tenant{
		FriendlyName:     "Gatehouse",
		DefaultDirectory: DefaultConnection,
		Flags:            map[string]bool{},
		BruteForce: BruteForceSettings{
			Enabled: true, Shields: []string{"block", "user_notification"},
			Mode: "count_per_identifier_and_ip", Allowlist: []string{}, MaxAttempts: 10,
		},
	}
}
