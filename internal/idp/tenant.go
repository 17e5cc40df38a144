package idp

import "time"

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
	IPThrottle        IPThrottleSettings
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

// IPThrottleSettings is attackProtection.suspiciousIpThrottling (contract
// §12.2): per IP, failed logins (PreLogin) and signup attempts
// (PreRegistration) each draw on a token bucket.
type IPThrottleSettings struct {
	Enabled         bool
	Shields         []string // block, admin_notification
	Allowlist       []string // IPs and CIDRs never throttled
	PreLogin        ThrottleRate
	PreRegistration ThrottleRate
}

// ThrottleRate is one bucket: up to MaxAttempts, one more every Every
// (Auth0's rate, in milliseconds there).
type ThrottleRate struct {
	MaxAttempts int
	Every       time.Duration
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
		IPThrottle: DefaultIPThrottle(),
	}
}

// DefaultIPThrottle is Auth0's documented configuration (contract §12.2):
// on, blocking, 100 failed logins a day and 50 signups (then one every
// 1.2 s) per IP.
func DefaultIPThrottle() IPThrottleSettings {
	return IPThrottleSettings{
		Enabled: true, Shields: []string{"admin_notification", "block"}, Allowlist: []string{},
		PreLogin:        ThrottleRate{MaxAttempts: 100, Every: 864 * time.Second},
		PreRegistration: ThrottleRate{MaxAttempts: 50, Every: 1200 * time.Millisecond},
	}
}
