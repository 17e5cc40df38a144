package config

// AttackProtection is the `attackProtection` section, in the Management
// API's JSON shape (contract §12). BruteForceProtection and
// SuspiciousIPThrottling are applied; BreachedPasswordDetection is decoded
// and kept so files exported from Auth0 load, but not enforced.
type AttackProtection struct {
	BruteForceProtection      *BruteForceProtection      `yaml:"bruteForceProtection,omitempty"`
	SuspiciousIPThrottling    *SuspiciousIPThrottling    `yaml:"suspiciousIpThrottling,omitempty"`
	BreachedPasswordDetection *BreachedPasswordDetection `yaml:"breachedPasswordDetection,omitempty"`
}

// BruteForceProtection is contract §12.1's settings object.
type BruteForceProtection struct {
	Enabled     *bool    `yaml:"enabled,omitempty"`
	Shields     []string `yaml:"shields,omitempty"` // block, user_notification
	Mode        *string  `yaml:"mode,omitempty"`
	Allowlist   []string `yaml:"allowlist,omitempty"`
	MaxAttempts *int     `yaml:"max_attempts,omitempty"`
}

// SuspiciousIPThrottling is contract §12.2's settings object.
type SuspiciousIPThrottling struct {
	Enabled   *bool           `yaml:"enabled,omitempty"`
	Shields   []string        `yaml:"shields,omitempty"`
	Allowlist []string        `yaml:"allowlist,omitempty"`
	Stage     *ThrottleStages `yaml:"stage,omitempty"`
}

// ThrottleStages holds the login and signup throttles.
type ThrottleStages struct {
	PreLogin            *ThrottleStage `yaml:"pre-login,omitempty"`
	PreUserRegistration *ThrottleStage `yaml:"pre-user-registration,omitempty"`
}

// ThrottleStage is one throttle: Rate is milliseconds per new attempt.
type ThrottleStage struct {
	MaxAttempts *int `yaml:"max_attempts,omitempty"`
	Rate        *int `yaml:"rate,omitempty"`
}

// BreachedPasswordDetection is contract §12.4's settings object; not enforced.
type BreachedPasswordDetection struct {
	Enabled                    *bool           `yaml:"enabled,omitempty"`
	Shields                    []string        `yaml:"shields,omitempty"`
	AdminNotificationFrequency []string        `yaml:"admin_notification_frequency,omitempty"`
	Method                     *string         `yaml:"method,omitempty"`
	Stage                      *BreachedStages `yaml:"stage,omitempty"`
}

// BreachedStages holds the per-flow shields.
type BreachedStages struct {
	PreUserRegistration *ShieldStage `yaml:"pre-user-registration,omitempty"`
	PreChangePassword   *ShieldStage `yaml:"pre-change-password,omitempty"`
}

// ShieldStage lists the shields of one flow.
type ShieldStage struct {
	Shields []string `yaml:"shields,omitempty"`
}
