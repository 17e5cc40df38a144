package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP returns how handlers learn the end user's address, which
// brute-force protection and suspicious-IP throttling key on. A request
// from one of the trusted proxies (addresses or CIDR ranges) is taken to
// come from the right-most X-Forwarded-For entry that is not itself a
// trusted proxy; any other request from its peer. Without trusted proxies
// X-Forwarded-For is ignored: a client could name any address in it, and
// behind a proxy every user would share the proxy's.
func ClientIP(trusted []netip.Prefix) func(*http.Request) string {
	return func(r *http.Request) string {
		peer := peerIP(r)
		if !inAny(trusted, peer) {
			return peer
		}
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop := strings.TrimSpace(hops[i])
			if _, err := netip.ParseAddr(hop); err != nil {
				return peer // a malformed entry: trust nothing to its left
			}
			if !inAny(trusted, hop) {
				return hop
			}
		}
		return peer
	}
}

func peerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func inAny(list []netip.Prefix, ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	addr = addr.Unmap().WithZone("")
	for _, p := range list {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// ParsePrefixes reads addresses and CIDR ranges; an address is its own
// one-address range.
func ParsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if a, err := netip.ParseAddr(s); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
