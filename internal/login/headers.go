package login

import (
	"net/http"
	"net/url"
	"strings"
)

// csp is the Content-Security-Policy of every page: no script at all,
// styles and images from here (logos from any https origin), forms posted
// here, and no framing. %s is where allowFormAction adds an origin.
const csp = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; " +
	"form-action 'self'%s; frame-ancestors 'none'; base-uri 'none'"

// setSecurityHeaders sets the headers every response carries. formOrigin
// is "" or one more source allowed in form-action.
func setSecurityHeaders(w http.ResponseWriter, formOrigin string) {
	h := w.Header()
	if formOrigin != "" {
		formOrigin = " " + formOrigin
	}
	h.Set("Content-Security-Policy", strings.Replace(csp, "%s", formOrigin, 1))
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer") // reset and verify tickets live in URLs
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
}

// allowFormAction lets the page's forms end at the application's callback.
// Browsers check form-action on every redirect that follows a form
// submission, and a sign-in POST is redirected through /authorize/resume
// to the redirect_uri: with 'self' alone Chrome blocks that last hop.
func allowFormAction(w http.ResponseWriter, redirectURI string) {
	if src := sourceExpression(redirectURI); src != "" {
		setSecurityHeaders(w, src)
	}
}

// sourceExpression returns the CSP source of u's origin ("https://host:port",
// or "scheme:" for a native app's custom scheme), or "" when u has anything
// that could break out of the header.
func sourceExpression(u string) string {
	p, err := url.Parse(u)
	if err != nil || !validScheme(p.Scheme) {
		return ""
	}
	if p.Scheme != "http" && p.Scheme != "https" {
		return p.Scheme + ":"
	}
	if p.Host == "" || !validHost(p.Host) {
		return ""
	}
	return p.Scheme + "://" + p.Host
}

func validScheme(s string) bool {
	for i, c := range s {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

func validHost(s string) bool {
	for _, c := range s {
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.ContainsRune(".-:[]", c)
		if !ok {
			return false
		}
	}
	return true
}
