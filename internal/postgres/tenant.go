package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5"
)

// tenantDoc is the jsonb form of idp.Tenant, keyed by Auth0's names.
type tenantDoc struct {
	FriendlyName      string          `json:"friendly_name"`
	PictureURL        string          `json:"picture_url"`
	SupportEmail      string          `json:"support_email"`
	SupportURL        string          `json:"support_url"`
	DefaultDirectory  string          `json:"default_directory"`
	DefaultAudience   string          `json:"default_audience"`
	AllowedLogoutURLs []string        `json:"allowed_logout_urls"`
	SessionLifetime   float64         `json:"session_lifetime"`
	IdleSessionLife   float64         `json:"idle_session_lifetime"`
	Flags             map[string]bool `json:"flags"`
	BruteForce        bruteForceDoc   `json:"brute_force_protection"`
	// IPThrottle is nil in documents written before it existed: they read
	// back with idp.DefaultIPThrottle(), as the tenant before any update.
	IPThrottle *ipThrottleDoc `json:"suspicious_ip_throttling"`
	Branding   brandingDoc    `json:"branding"`
}

// brandingDoc is the jsonb form of idp.Branding, in the shape of Auth0's
// branding settings.
type brandingDoc struct {
	LogoURL        string `json:"logo_url,omitempty"`
	PrimaryColor   string `json:"primary_color,omitempty"`
	PageBackground string `json:"page_background,omitempty"`
}

// bruteForceDoc is the jsonb form of idp.BruteForceSettings.
type bruteForceDoc struct {
	Enabled     bool     `json:"enabled"`
	Shields     []string `json:"shields"`
	Mode        string   `json:"mode"`
	Allowlist   []string `json:"allowlist"`
	MaxAttempts int      `json:"max_attempts"`
}

// ipThrottleDoc is the jsonb form of idp.IPThrottleSettings, in the shape
// of Auth0's attackProtection.suspiciousIpThrottling.
type ipThrottleDoc struct {
	Enabled   bool     `json:"enabled"`
	Shields   []string `json:"shields"`
	Allowlist []string `json:"allowlist"`
	Stage     struct {
		PreLogin        rateDoc `json:"pre-login"`
		PreRegistration rateDoc `json:"pre-user-registration"`
	} `json:"stage"`
}

// rateDoc is an idp.ThrottleRate with Auth0's rate in milliseconds, so
// Every keeps whole milliseconds only.
type rateDoc struct {
	MaxAttempts int   `json:"max_attempts"`
	Rate        int64 `json:"rate"`
}

func toIPThrottleDoc(s idp.IPThrottleSettings) *ipThrottleDoc {
	d := &ipThrottleDoc{Enabled: s.Enabled, Shields: s.Shields, Allowlist: s.Allowlist}
	d.Stage.PreLogin = rateDoc{s.PreLogin.MaxAttempts, s.PreLogin.Every.Milliseconds()}
	d.Stage.PreRegistration = rateDoc{s.PreRegistration.MaxAttempts, s.PreRegistration.Every.Milliseconds()}
	return d
}

func (d *ipThrottleDoc) settings() idp.IPThrottleSettings {
	if d == nil {
		return idp.DefaultIPThrottle()
	}
	return idp.IPThrottleSettings{
		Enabled: d.Enabled, Shields: d.Shields, Allowlist: d.Allowlist,
		PreLogin: d.Stage.PreLogin.rate(), PreRegistration: d.Stage.PreRegistration.rate(),
	}
}

func (r rateDoc) rate() idp.ThrottleRate {
	return idp.ThrottleRate{MaxAttempts: r.MaxAttempts, Every: time.Duration(r.Rate) * time.Millisecond}
}

func toTenantDoc(t *idp.Tenant) tenantDoc {
	return tenantDoc{
		FriendlyName: t.FriendlyName, PictureURL: t.PictureURL, SupportEmail: t.SupportEmail,
		SupportURL: t.SupportURL, DefaultDirectory: t.DefaultDirectory, DefaultAudience: t.DefaultAudience,
		AllowedLogoutURLs: t.AllowedLogoutURLs, SessionLifetime: t.SessionLifetime,
		IdleSessionLife: t.IdleSessionLife, Flags: t.Flags, BruteForce: bruteForceDoc(t.BruteForce),
		IPThrottle: toIPThrottleDoc(t.IPThrottle), Branding: brandingDoc(t.Branding),
	}
}

func (d *tenantDoc) tenant() idp.Tenant {
	return idp.Tenant{
		FriendlyName: d.FriendlyName, PictureURL: d.PictureURL, SupportEmail: d.SupportEmail,
		SupportURL: d.SupportURL, DefaultDirectory: d.DefaultDirectory, DefaultAudience: d.DefaultAudience,
		AllowedLogoutURLs: d.AllowedLogoutURLs, SessionLifetime: d.SessionLifetime,
		IdleSessionLife: d.IdleSessionLife, Flags: d.Flags, BruteForce: idp.BruteForceSettings(d.BruteForce),
		IPThrottle: d.IPThrottle.settings(), Branding: idp.Branding(d.Branding),
	}
}

// scanTenant reads a settings column; NULL is the default tenant.
func scanTenant(r scanner) (idp.Tenant, error) {
	var d *tenantDoc
	if err := r.Scan(&d); err != nil || d == nil {
		return idp.DefaultTenant(), err
	}
	return d.tenant(), nil
}

// GetTenant returns the tenant settings, DefaultTenant before any update.
func (s *Store) GetTenant(ctx context.Context) (idp.Tenant, error) {
	t, err := scanTenant(s.db.QueryRow(ctx, `SELECT settings FROM tenant WHERE id = 1`))
	if errors.Is(err, pgx.ErrNoRows) {
		return idp.DefaultTenant(), nil
	}
	return t, mapErr(err, "tenant")
}

// UpdateTenant runs fn on a copy of the settings and stores the result.
func (s *Store) UpdateTenant(ctx context.Context, fn func(*idp.Tenant) error) (idp.Tenant, error) {
	lock := func(q querier) (idp.Tenant, error) {
		// Make sure the row exists so that FOR UPDATE has something to lock.
		if _, err := q.Exec(ctx, `INSERT INTO tenant (id) VALUES (1) ON CONFLICT DO NOTHING`); err != nil {
			return idp.Tenant{}, mapErr(err, "tenant")
		}
		return getOne(ctx, q, scanTenant, "tenant", `SELECT settings FROM tenant WHERE id = 1 FOR UPDATE`)
	}
	write := func(q querier, t *idp.Tenant) (idp.Tenant, error) {
		return getOne(ctx, q, scanTenant, "tenant",
			`UPDATE tenant SET settings = $1 WHERE id = 1 RETURNING settings`, toTenantDoc(t))
	}
	return update(ctx, s, lock, fn, write)
}
