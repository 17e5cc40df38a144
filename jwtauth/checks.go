package jwtauth

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
)

// allowedAlgorithms are the asymmetric algorithms a Config may list. HMAC
// is left out on purpose: a verifier holding only public keys must never
// accept a MAC, which is what algorithm confusion exploits.
var allowedAlgorithms = []string{
	"RS256", "RS384", "RS512",
	"PS256", "PS384", "PS512",
	"ES256", "ES384", "ES512",
	"EdDSA",
}

func checkAlgorithms(names []string) ([]string, error) {
	if len(names) == 0 {
		return []string{"RS256"}, nil
	}
	algs := make([]string, 0, len(names))
	for _, a := range names {
		if !slices.Contains(allowedAlgorithms, a) {
			return nil, fmt.Errorf("jwtauth: algorithm %q is not allowed; only asymmetric signatures are verified", a)
		}
		algs = append(algs, a)
	}
	return algs, nil
}

func checkAudiences(auds []string) error {
	if len(auds) == 0 {
		return errors.New("jwtauth: Audiences is required")
	}
	if slices.Contains(auds, "") {
		return errors.New("jwtauth: Audiences holds an empty string")
	}
	return nil
}

func checkIssuer(issuer string, insecure bool) error {
	if issuer == "" {
		return errors.New("jwtauth: Issuer is required")
	}
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("jwtauth: Issuer %q is not an absolute URL without query or fragment", issuer)
	}
	return checkScheme("Issuer", u, false, insecure)
}

// checkURL vets a JWKS URL; issuerHTTPS forbids http even on loopback,
// so that an https issuer's keys never travel in clear.
func checkURL(what, raw string, issuerHTTPS, insecure bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("jwtauth: %s %q is not an absolute URL", what, raw)
	}
	return checkScheme(what, u, issuerHTTPS, insecure)
}

func checkScheme(what string, u *url.URL, issuerHTTPS, insecure bool) error {
	switch {
	case u.Scheme == "https", u.Scheme == "http" && insecure:
		return nil
	case u.Scheme != "http":
		return fmt.Errorf("jwtauth: %s must be an https URL", what)
	case issuerHTTPS:
		return fmt.Errorf("jwtauth: %s must be https when the issuer is", what)
	case !isLoopback(u.Hostname()):
		return fmt.Errorf("jwtauth: %s may use http only on a loopback host (or set InsecureAllowHTTP)", what)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
