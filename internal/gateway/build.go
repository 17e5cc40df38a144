package gateway

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/gatehouse/gatehouse/jwtauth"
)

// keyFetchTimeout bounds one discovery or JWKS request.
const keyFetchTimeout = 10 * time.Second

// caches are the key sets and validators of one table, by their settings.
type caches struct {
	keySets    map[string]*jwtauth.RemoteKeySet
	validators map[string]*jwtauth.Validator
}

func newCaches() caches {
	return caches{keySets: map[string]*jwtauth.RemoteKeySet{}, validators: map[string]*jwtauth.Validator{}}
}

// build makes a table for cfg, reusing the current table's key sets and
// validators where the settings match. g.mu is held.
func (g *Gateway) build(cfg *Config) (*table, caches, error) {
	next := newCaches()
	auths := make(map[string]*jwtauth.Validator, len(cfg.Authorizers))
	for i := range cfg.Authorizers {
		v, err := g.validator(&cfg.Authorizers[i], next)
		if err != nil {
			return nil, next, cfg.problem(fmt.Sprintf("authorizers[%d]", i), "%v", err)
		}
		auths[cfg.Authorizers[i].Name] = v
	}
	t := &table{cfg: cfg, mux: http.NewServeMux(), log: g.log, metrics: g.metrics}
	for i := range cfg.Routes {
		r := &cfg.Routes[i]
		if err := register(t.mux, r.pattern(), g.route(r, auths, cfg.DefaultAuthorizer)); err != nil {
			return nil, next, cfg.problem(fmt.Sprintf("routes[%d].path", i), "%v", err)
		}
	}
	// Unmatched requests get a JSON 404, unless a route already takes all.
	_ = register(t.mux, "/", http.HandlerFunc(notFound))
	return t, next, nil
}

// validator returns the Validator for a's settings: the current one if
// they did not change, else a new one. It records it in next.
func (g *Gateway) validator(a *Authorizer, next caches) (*jwtauth.Validator, error) {
	key := strings.Join([]string{a.IssuerURL, a.CAFile, strings.Join(a.Audience, " "),
		strings.Join(a.Algorithms, " ")}, "\x00")
	for _, c := range []caches{next, g.caches} {
		if v, ok := c.validators[key]; ok {
			next.validators[key] = v
			return v, nil
		}
	}
	keys, err := g.keySet(a, next)
	if err != nil {
		return nil, err
	}
	v, err := jwtauth.New(g.ctx, jwtauth.Config{Issuer: a.IssuerURL, Audiences: a.Audience,
		Algorithms: a.Algorithms, KeySet: keys, Now: g.now})
	if err != nil {
		return nil, err
	}
	next.validators[key] = v
	return v, nil
}

// keySet returns the issuer's key set, shared by every authorizer that
// names the same issuer and CA file.
func (g *Gateway) keySet(a *Authorizer, next caches) (*jwtauth.RemoteKeySet, error) {
	key := a.IssuerURL + "\x00" + a.CAFile
	for _, c := range []caches{next, g.caches} {
		if ks, ok := c.keySets[key]; ok {
			next.keySets[key] = ks
			return ks, nil
		}
	}
	client, err := keyClient(a.CAFile)
	if err != nil {
		return nil, err
	}
	ks, err := jwtauth.NewRemoteKeySet(g.ctx, jwtauth.Config{Issuer: a.IssuerURL,
		HTTPClient: client, Now: g.now})
	if err != nil {
		return nil, err
	}
	next.keySets[key] = ks
	return ks, nil
}

// keyClient fetches issuer documents, trusting caFile besides the system
// roots, and refuses redirects from https to http as jwtauth's does.
func keyClient(caFile string) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if caFile != "" {
		pool, err := rootsWith(caFile)
		if err != nil {
			return nil, err
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr, Timeout: keyFetchTimeout, CheckRedirect: noDowngrade}, nil
}

func rootsWith(caFile string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("ca_file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("ca_file %s holds no PEM certificate", caFile)
	}
	return pool, nil
}

func noDowngrade(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("too many redirects")
	}
	if via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
		return errors.New("redirect from https to " + req.URL.Scheme + " refused")
	}
	return nil
}

// mustURL parses an upstream that validate has already accepted.
func mustURL(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		panic("gateway: unvalidated upstream " + raw)
	}
	return u
}
