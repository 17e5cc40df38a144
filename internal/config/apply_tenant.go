package config

import (
	"maps"
	"reflect"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// tenant applies the tenant settings, brute-force protection, suspicious-
// IP throttling and branding, all stored in idp.Tenant, with one update.
func (a *applier) tenant() error {
	s, bf, ip, br := a.t.Settings, a.bruteForce(), a.ipThrottle(), a.t.Branding
	if s == nil && bf == nil && ip == nil && br == nil {
		return nil
	}
	if err := a.tenantRefs(s); err != nil {
		return err
	}
	old, err := a.st.GetTenant(a.ctx)
	if err != nil {
		return err
	}
	mid := old
	if s != nil {
		s.overlay(&mid)
		a.record("tenant", "settings", action(reflect.DeepEqual(old, mid)))
	}
	end := mid
	if bf != nil {
		bf.overlay(&end.BruteForce)
		a.record("attack_protection", "bruteForceProtection", action(reflect.DeepEqual(mid, end)))
	}
	if ip != nil {
		before := end.IPThrottle
		ip.overlay(&end.IPThrottle)
		a.record("attack_protection", "suspiciousIpThrottling", action(reflect.DeepEqual(before, end.IPThrottle)))
	}
	if br != nil {
		before := end.Branding
		br.overlay(&end.Branding)
		a.record("branding", "settings", action(before == end.Branding))
	}
	if reflect.DeepEqual(old, end) {
		return nil
	}
	_, err = a.st.UpdateTenant(a.ctx, func(t *idp.Tenant) error { *t = end; return nil })
	return err
}

func (a *applier) bruteForce() *BruteForceProtection {
	if a.t.AttackProtection == nil {
		return nil
	}
	return a.t.AttackProtection.BruteForceProtection
}

func (a *applier) ipThrottle() *SuspiciousIPThrottling {
	if a.t.AttackProtection == nil {
		return nil
	}
	return a.t.AttackProtection.SuspiciousIPThrottling
}

// tenantRefs checks that default_directory and default_audience name a
// stored connection and API (this file's were written already).
func (a *applier) tenantRefs(s *TenantSettings) error {
	if s == nil {
		return nil
	}
	if d := deref(s.DefaultDirectory); d != "" {
		if _, err := a.st.GetConnectionByName(a.ctx, d); idp.IsNotFound(err) {
			return a.invalid("tenant.default_directory", "no connection named %q", d)
		} else if err != nil {
			return err
		}
	}
	if aud := deref(s.DefaultAudience); aud != "" {
		if _, err := a.st.GetResourceServerByIdentifier(a.ctx, aud); idp.IsNotFound(err) {
			return a.invalid("tenant.default_audience", "no API with identifier %q", aud)
		} else if err != nil {
			return err
		}
	}
	return nil
}

func action(same bool) Action {
	if same {
		return Unchanged
	}
	return Updated
}

func (s *TenantSettings) overlay(t *idp.Tenant) {
	set(&t.FriendlyName, s.FriendlyName)
	set(&t.PictureURL, s.PictureURL)
	set(&t.SupportEmail, s.SupportEmail)
	set(&t.SupportURL, s.SupportURL)
	set(&t.DefaultDirectory, s.DefaultDirectory)
	set(&t.DefaultAudience, s.DefaultAudience)
	setList(&t.AllowedLogoutURLs, s.AllowedLogoutURLs)
	set(&t.SessionLifetime, s.SessionLifetime)
	set(&t.IdleSessionLife, s.IdleSessionLifetime)
	if len(s.Flags) > 0 {
		// Flags merge, as a PATCH of tenant flags does.
		flags := maps.Clone(t.Flags)
		if flags == nil {
			flags = map[string]bool{}
		}
		maps.Copy(flags, s.Flags)
		t.Flags = flags
	}
}

func (b *BruteForceProtection) overlay(s *idp.BruteForceSettings) {
	set(&s.Enabled, b.Enabled)
	setList(&s.Shields, b.Shields)
	set(&s.Mode, b.Mode)
	setList(&s.Allowlist, b.Allowlist)
	set(&s.MaxAttempts, b.MaxAttempts)
}

func (t *SuspiciousIPThrottling) overlay(s *idp.IPThrottleSettings) {
	set(&s.Enabled, t.Enabled)
	setList(&s.Shields, t.Shields)
	setList(&s.Allowlist, t.Allowlist)
	if t.Stage != nil {
		t.Stage.PreLogin.overlay(&s.PreLogin)
		t.Stage.PreUserRegistration.overlay(&s.PreRegistration)
	}
}

// overlay sets what the file gives; rate is in milliseconds, as in Auth0.
func (t *ThrottleStage) overlay(r *idp.ThrottleRate) {
	if t == nil {
		return
	}
	set(&r.MaxAttempts, t.MaxAttempts)
	if t.Rate != nil {
		r.Every = time.Duration(*t.Rate) * time.Millisecond
	}
}
