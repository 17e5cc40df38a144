package oauth

import "strings"

// maxURL bounds a redirect_uri, returnTo or post_logout_redirect_uri.
const maxURL = 2048

// urlAllowed reports whether uri is one of the allowed URLs (Allowed
// Callback URLs or Allowed Logout URLs). Matching is byte for byte and so
// case-sensitive, with no normalisation of ports, paths, dots or escapes;
// a query string must be listed verbatim (contract §4.3: unconfirmed, the
// strict reading). Wildcards count only for first-party applications
// (wildcards false for third-party ones). A URI with a fragment or user
// information never matches (RFC 6749 §3.1.2; §4.3's test list).
func urlAllowed(allowed []string, uri string, wildcards bool) bool {
	if uri == "" || len(uri) > maxURL || strings.Contains(uri, "#") || hasUserinfo(uri) {
		return false
	}
	for _, a := range allowed {
		if a == uri || wildcards && wildcardMatch(a, uri) {
			return true
		}
	}
	return false
}

// hasUserinfo reports whether the authority of uri holds an "@".
func hasUserinfo(uri string) bool {
	_, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return strings.Contains(uri, "@")
	}
	authority, _, _ := strings.Cut(rest, "/")
	authority, _, _ = strings.Cut(authority, "?")
	return strings.Contains(authority, "@")
}

// wildcardMatch applies Auth0's subdomain wildcard (docs
// get-started/applications/wildcards-for-subdomains): http or https only,
// one "*" in the left-most host label, optionally with a prefix and suffix
// in that label; it stands for one or more letters, digits or hyphens of
// exactly one label. Everything after the left-most label (the rest of
// the host, the port, path and query) must be identical.
func wildcardMatch(pattern, uri string) bool {
	scheme, prest, ok := strings.Cut(pattern, "://")
	if !ok || (scheme != "https" && scheme != "http") || strings.Count(pattern, "*") != 1 {
		return false
	}
	plabel, ptail, ok := cutLabel(prest)
	if !ok || !strings.Contains(plabel, "*") {
		return false
	}
	urest, ok := strings.CutPrefix(uri, scheme+"://")
	if !ok {
		return false
	}
	ulabel, utail, ok := cutLabel(urest)
	if !ok || utail != ptail {
		return false
	}
	prefix, suffix, _ := strings.Cut(plabel, "*")
	middle, ok := strings.CutPrefix(ulabel, prefix)
	if !ok || len(middle) <= len(suffix) || !strings.HasSuffix(middle, suffix) {
		return false
	}
	return isLabel(strings.TrimSuffix(middle, suffix))
}

// cutLabel splits "label.rest-of-host:port/path…" at the first dot; the
// host must have one, so a wildcard never stands for a whole domain.
func cutLabel(s string) (label, tail string, ok bool) {
	i := strings.IndexAny(s, "./:?")
	if i < 0 || s[i] != '.' {
		return "", "", false
	}
	return s[:i], s[i:], true
}

// isLabel reports whether s is made of DNS label characters only.
func isLabel(s string) bool {
	for _, c := range s {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}
