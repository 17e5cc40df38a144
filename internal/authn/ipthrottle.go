package authn

import (
	"context"
	"net/netip"
	"slices"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// msgSuspicious is Auth0's text for a throttled IP (contract §3.6, §12.2).
const msgSuspicious = "We have detected suspicious login behavior and further attempts " +
	"will be blocked. Please contact the administrator."

// Throttle stages (attackProtection.suspiciousIpThrottling.stage).
const (
	stageLogin  = "pre-login"             // failed logins, any account
	stageSignup = "pre-user-registration" // signup attempts, success or not
)

// throttle is suspicious-IP throttling for one request's IP at one stage:
// a bucket of attempts per IP (contract §12.2). It is off for a tenant
// that disabled it, an allowlisted IP or an unknown one. Without the
// "block" shield it only counts and logs (Auth0's monitoring mode).
type throttle struct {
	s     *Service
	on    bool
	block bool
	stage string
	ip    string
	rate  idp.ThrottleRate
}

func (s *Service) newThrottle(ctx context.Context, stage, ip string) (*throttle, error) {
	t, err := s.store.GetTenant(ctx)
	if err != nil {
		return nil, err
	}
	th := t.IPThrottle
	rate := th.PreLogin
	if stage == stageSignup {
		rate = th.PreRegistration
	}
	on := th.Enabled && ip != "" && rate.MaxAttempts > 0 && rate.Every > 0 &&
		!allowlisted(th.Allowlist, ip)
	return &throttle{s: s, on: on, block: slices.Contains(th.Shields, "block"),
		stage: stage, ip: canonicalIP(ip), rate: rate}, nil
}

func (t *throttle) key() string { return throttleKey(t.stage, t.ip) }

func throttleKey(stage, ip string) string { return stage + " " + ip }

// UnblockIP lifts the throttling of ip, logins and signups both, as
// Auth0's DELETE /api/v2/anomaly/blocks/ips/{ip} does. ip must be an
// address.
func (s *Service) UnblockIP(ctx context.Context, ip string) error {
	if _, err := netip.ParseAddr(ip); err != nil {
		return idp.Errorf(idp.EInvalid, "%q is not an IP address.", ip)
	}
	for _, stage := range []string{stageLogin, stageSignup} {
		if err := s.store.ClearAttempts(ctx, throttleKey(stage, canonicalIP(ip))); err != nil {
			return err
		}
	}
	return nil
}

// refused reports whether the IP has no attempt left and is blocked.
func (t *throttle) refused(ctx context.Context) (bool, error) {
	if !t.on || !t.block {
		return false, nil
	}
	left, err := t.s.store.AttemptsLeft(ctx, t.key(), t.rate.MaxAttempts, t.rate.Every, t.s.now())
	return left < 1, err
}

// take draws one attempt; false means the bucket was empty, which refuses
// the request when blocking.
func (t *throttle) take(ctx context.Context) (bool, error) {
	if !t.on {
		return true, nil
	}
	ok, err := t.s.store.TakeAttempt(ctx, t.key(), t.rate.MaxAttempts, t.rate.Every, t.s.now())
	if err != nil || ok {
		return true, err
	}
	t.s.log.Warn("suspicious IP throttled", "ip", t.ip, "stage", t.stage,
		"blocking", t.block) // Auth0's limit_mu
	return !t.block, nil
}

func errSuspicious() error { return idp.Errorf(idp.ETooManyAttempts, msgSuspicious) }
