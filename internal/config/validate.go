package config

import (
	"errors"
	"net/netip"
	"slices"
	"strings"
)

// Allowed values (contract §14.4, §13.1, §12.1).
var (
	appTypes       = []string{"spa", "native", "regular_web", "non_interactive"}
	grantTypes     = []string{"authorization_code", "implicit", "refresh_token", "client_credentials", "password", "http://auth0.com/oauth/grant-type/password-realm"}
	authMethods    = []string{"none", "client_secret_post", "client_secret_basic"}
	signingAlgs    = []string{"RS256", "ES256"}
	tokenDialects  = []string{"access_token", "access_token_authz", "rfc9068_profile", "rfc9068_profile_authz"}
	passwordLevels = []string{"none", "low", "fair", "good", "excellent"}
	bruteShields   = []string{"block", "user_notification"}
	ipShields      = []string{"block", "admin_notification"}
	bruteModes     = []string{"count_per_identifier_and_ip", "count_per_identifier"}
	cookieModes    = []string{"persistent", "non-persistent"}
)

// Limits (contract §11, §3.5, §12.1).
const (
	maxTokenLifetime   = 2592000  // API access tokens and ID tokens: 30 days
	maxRefreshLifetime = 31557600 // refresh tokens: one year
	maxSessionHours    = 8760     // one year
)

// validator collects every problem of a tenant file.
type validator struct {
	t        *Tenant
	problems []error
}

// Validate checks the tenant's values and cross references, and reports
// every problem at once (errors.Join of *Problem, each with file:line).
// References resolve within the file: a client grant, an enabled client or
// a role permission must name a client or API the file defines.
func (t *Tenant) Validate() error {
	v := &validator{t: t}
	v.clients()
	v.resourceServers()
	v.clientGrants()
	v.databases()
	v.roles()
	v.settings()
	v.attackProtection()
	v.branding()
	return errors.Join(v.problems...)
}

func (v *validator) fail(path, format string, args ...any) {
	v.problems = append(v.problems, v.t.problem(path, format, args...))
}

// oneOf reports *s at path unless it is one of allowed; nil is fine.
func (v *validator) oneOf(path string, s *string, allowed []string) {
	if s != nil {
		v.oneOfS(path, *s, allowed)
	}
}

func (v *validator) oneOfS(path, s string, allowed []string) {
	if !slices.Contains(allowed, s) {
		v.fail(path, "%q is not one of %s", s, strings.Join(allowed, ", "))
	}
}

// each checks every item of a list of strings against allowed.
func (v *validator) each(path string, list []string, allowed []string) {
	for i, s := range list {
		v.oneOfS(index(path, i), s, allowed)
	}
}

// between reports *n at path unless lo <= *n <= hi; nil is fine.
func (v *validator) between(path string, n *int, lo, hi int) {
	if n != nil && (*n < lo || *n > hi) {
		v.fail(path, "%d is out of range [%d, %d]", *n, lo, hi)
	}
}

// unique reports key at path if seen already holds it.
func (v *validator) unique(seen map[string]string, key, path, what string) {
	if key == "" {
		return
	}
	if first, dup := seen[key]; dup {
		v.fail(path, "duplicate %s %q (first at line %d)", what, key, v.t.line(first))
		return
	}
	seen[key] = path
}

// required reports path when s is empty.
func (v *validator) required(path, s string) {
	if strings.TrimSpace(s) == "" {
		v.fail(path, "is required")
	}
}

func (v *validator) settings() {
	s := v.t.Settings
	if s == nil {
		return
	}
	v.hours("tenant.session_lifetime", s.SessionLifetime)
	v.hours("tenant.idle_session_lifetime", s.IdleSessionLifetime)
	if s.SessionCookie != nil {
		v.oneOf("tenant.session_cookie.mode", s.SessionCookie.Mode, cookieModes)
	}
}

func (v *validator) hours(path string, h *float64) {
	if h != nil && (*h <= 0 || *h > maxSessionHours) {
		v.fail(path, "%v hours is out of range (0, %d]", *h, maxSessionHours)
	}
}

func (v *validator) attackProtection() {
	ap := v.t.AttackProtection
	if ap == nil {
		return
	}
	if b := ap.BruteForceProtection; b != nil {
		p := "attackProtection.bruteForceProtection"
		v.each(at(p, "shields"), b.Shields, bruteShields)
		v.oneOf(at(p, "mode"), b.Mode, bruteModes)
		v.between(at(p, "max_attempts"), b.MaxAttempts, 1, 100)
		v.allowlist(at(p, "allowlist"), b.Allowlist)
	}
	if t := ap.SuspiciousIPThrottling; t != nil {
		p := "attackProtection.suspiciousIpThrottling"
		v.each(at(p, "shields"), t.Shields, ipShields)
		v.allowlist(at(p, "allowlist"), t.Allowlist)
		if t.Stage != nil {
			v.throttleStage(at(at(p, "stage"), "pre-login"), t.Stage.PreLogin)
			v.throttleStage(at(at(p, "stage"), "pre-user-registration"), t.Stage.PreUserRegistration)
		}
	}
}

func (v *validator) allowlist(path string, list []string) {
	for i, a := range list {
		if !validIPOrCIDR(a) {
			v.fail(index(path, i), "%q is not an IP address or CIDR range", a)
		}
	}
}

// throttleStage bounds one bucket: at least one attempt, refilled at
// least once a day (Auth0's own bounds are not documented).
func (v *validator) throttleStage(path string, s *ThrottleStage) {
	if s == nil {
		return
	}
	v.between(at(path, "max_attempts"), s.MaxAttempts, 1, 1<<20)
	v.between(at(path, "rate"), s.Rate, 1, 86_400_000)
}

func validIPOrCIDR(s string) bool {
	if _, err := netip.ParseAddr(s); err == nil {
		return true
	}
	_, err := netip.ParsePrefix(s)
	return err == nil
}
