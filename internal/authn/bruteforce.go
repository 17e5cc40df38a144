package authn

import (
	"context"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// blockPeriod is how long failures count: a block lifts 30 days after the
// last failed attempt (contract §12.1).
const blockPeriod = 30 * 24 * time.Hour

// Brute-force modes (attackProtection.bruteForceProtection.mode).
const (
	modePerIdentifierAndIP = "count_per_identifier_and_ip"
	modePerIdentifier      = "count_per_identifier"
)

// guard is brute-force protection for one login of one user from one IP.
// When off (tenant or connection setting, or an allowlisted IP) it does
// nothing and costs no query.
type guard struct {
	s         *Service
	on        bool
	block     bool // the "block" shield; without it failures are only counted
	perIP     bool
	userID    string
	ip        string
	max       int
	count     int  // fresh failures that count against this login
	staleHere bool // this IP's counter is older than blockPeriod
}

// newGuard reads the tenant's settings (not even that when the connection
// has protection off) and the counters that apply.
func (s *Service) newGuard(ctx context.Context, conn idp.Connection, userID, ip string) (*guard, error) {
	g := &guard{s: s, userID: userID, ip: canonicalIP(ip)}
	if !conn.Options.BruteForceProtection {
		return g, nil
	}
	t, err := s.store.GetTenant(ctx)
	if err != nil {
		return nil, err
	}
	bf := t.BruteForce
	g.max, g.perIP = bf.MaxAttempts, bf.Mode != modePerIdentifier
	g.block = slices.Contains(bf.Shields, "block")
	if g.max <= 0 {
		g.max = 10
	}
	g.on = bf.Enabled && !allowlisted(bf.Allowlist, ip)
	if !g.on {
		return g, nil
	}
	return g, g.load(ctx)
}

// load counts the failures that apply: this IP's, or every IP's.
func (g *guard) load(ctx context.Context) error {
	var counters []idp.LoginFailures
	if g.perIP {
		c, err := g.s.store.GetLoginFailures(ctx, g.userID, g.ip)
		if err != nil {
			return err
		}
		counters = []idp.LoginFailures{c}
	} else {
		var err error
		if counters, err = g.s.store.ListLoginFailures(ctx, g.userID); err != nil {
			return err
		}
	}
	g.add(counters)
	return nil
}

// add sums the counters whose last failure is recent enough to count.
func (g *guard) add(counters []idp.LoginFailures) {
	since := g.s.now().Add(-blockPeriod)
	for _, c := range counters {
		switch {
		case c.Count == 0:
		case c.LastFailed.After(since):
			g.count += c.Count
		case c.IP == g.ip:
			g.staleHere = true
		}
	}
}

func (g *guard) blocked() bool { return g.on && g.block && g.count >= g.max }

// fail counts a failed attempt; a stale counter restarts from zero.
func (g *guard) fail(ctx context.Context) error {
	if !g.on {
		return nil
	}
	if g.staleHere {
		if err := g.s.store.ClearLoginFailures(ctx, g.userID, g.ip); err != nil {
			return err
		}
	}
	if _, err := g.s.store.RecordLoginFailure(ctx, g.userID, g.ip, g.s.now()); err != nil {
		return err
	}
	if g.count+1 == g.max {
		g.s.log.Warn("brute-force threshold reached", "user_id", g.userID, "ip", g.ip,
			"blocking", g.block) // Auth0's limit_wc
	}
	return nil
}

// succeed clears the counters a successful login resets.
func (g *guard) succeed(ctx context.Context) error {
	if !g.on || g.count == 0 && !g.staleHere {
		return nil
	}
	ip := g.ip
	if !g.perIP {
		ip = ""
	}
	return g.s.store.ClearLoginFailures(ctx, g.userID, ip)
}

// canonicalIP writes an IPv4-mapped address as IPv4, so one client has one
// counter; "" (unknown) would mean every IP to ClearLoginFailures.
func canonicalIP(ip string) string {
	if addr, err := netip.ParseAddr(ip); err == nil {
		return addr.Unmap().String()
	}
	if ip == "" {
		return "unknown"
	}
	return ip
}

// allowlisted reports whether ip matches an address or CIDR of list.
func allowlisted(list []string, ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	addr = addr.Unmap().WithZone("")
	for _, entry := range list {
		if strings.Contains(entry, "/") {
			if p, err := netip.ParsePrefix(entry); err == nil && p.Contains(addr) {
				return true
			}
		} else if a, err := netip.ParseAddr(entry); err == nil && a.Unmap() == addr {
			return true
		}
	}
	return false
}
