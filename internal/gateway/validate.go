package gateway

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/gatehouse/gatehouse/jwtauth"
)

var (
	namePattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$`)
	methodPattern = regexp.MustCompile(`^[A-Z]{1,20}$`)
	// registeredAt is the source location ServeMux puts in its panics.
	registeredAt = regexp.MustCompile(` \(registered at [^)]*\)`)
)

// validate reports every problem of c at once, each with its line.
func (c *Config) validate() error {
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	c.checkListeners(add)
	names := c.checkAuthorizers(add)
	if c.DefaultAuthorizer != "" && !names[c.DefaultAuthorizer] {
		add(c.problem("default_authorizer", "unknown authorizer %q", c.DefaultAuthorizer))
	}
	if len(c.Routes) == 0 {
		add(c.problem("routes", "at least one route is needed"))
	}
	seen := map[string]int{}
	for i := range c.Routes {
		c.checkRoute(i, names, seen, add)
	}
	c.checkPatterns(add)
	return errors.Join(errs...)
}

func (c *Config) checkListeners(add func(error)) {
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		add(c.problem("listen", "want host:port: %v", err))
	}
	if c.AdminListen != "" {
		if _, port, err := net.SplitHostPort(c.AdminListen); err != nil {
			add(c.problem("admin_listen", "want host:port: %v", err))
		} else if c.AdminListen == c.Listen && port != "0" {
			add(c.problem("admin_listen", "must differ from listen"))
		}
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		add(c.problem("tls_cert", "tls_cert and tls_key go together"))
	}
	if c.UpstreamTimeout < 0 {
		add(c.problem("upstream_timeout", "must be positive"))
	}
}

// checkAuthorizers returns the names defined.
func (c *Config) checkAuthorizers(add func(error)) map[string]bool {
	names := map[string]bool{}
	for i, a := range c.Authorizers {
		at := fmt.Sprintf("authorizers[%d]", i)
		switch {
		case !namePattern.MatchString(a.Name):
			add(c.problem(at+".name", "want a name of letters, digits and _.:- (got %q)", a.Name))
		case names[a.Name]:
			add(c.problem(at+".name", "authorizer %q is defined twice", a.Name))
		}
		names[a.Name] = true
		if err := a.check(); err != nil {
			add(c.problem(at, "%s", strings.TrimPrefix(err.Error(), "jwtauth: ")))
		}
	}
	return names
}

// check lets jwtauth judge the issuer, audiences and algorithms; New
// makes no request, and the Validator is dropped.
func (a *Authorizer) check() error {
	_, err := jwtauth.New(context.Background(), jwtauth.Config{Issuer: a.IssuerURL,
		Audiences: a.Audience, Algorithms: a.Algorithms, TokenCacheSize: -1})
	return err
}

func (c *Config) checkRoute(i int, names map[string]bool, seen map[string]int, add func(error)) {
	r := &c.Routes[i]
	at := fmt.Sprintf("routes[%d]", i)
	if j, dup := seen[r.Name]; dup {
		add(c.problem(at+".name", "route name %q is used by routes[%d] too", r.Name, j))
	}
	seen[r.Name] = i
	if r.Method != "ANY" && !methodPattern.MatchString(r.Method) {
		add(c.problem(at+".method", "want ANY or an upper-case HTTP method (got %q)", r.Method))
	}
	if !strings.HasPrefix(r.Path, "/") {
		add(c.problem(at+".path", "want a path pattern starting with / (got %q)", r.Path))
	}
	if err := checkUpstream(r.Upstream); err != nil {
		add(c.problem(at+".upstream", "%v", err))
	}
	c.checkAccess(r, at, names, add)
	if r.StripPrefix != "" && (!strings.HasPrefix(r.StripPrefix, "/") || !strings.HasPrefix(r.Path, r.StripPrefix)) {
		add(c.problem(at+".strip_prefix", "%q is not a prefix of the path %q", r.StripPrefix, r.Path))
	}
	if r.Timeout < 0 {
		add(c.problem(at+".timeout", "must be positive"))
	}
}

// checkAccess: a route is public or has exactly one authorizer, and
// only authorized routes may require scopes or permissions.
func (c *Config) checkAccess(r *Route, at string, names map[string]bool, add func(error)) {
	switch {
	case r.Public && r.Authorizer != "":
		add(c.problem(at+".public", "a route is either public or has an authorizer, not both"))
	case r.Public && len(r.Scopes)+len(r.AnyScopes)+len(r.Permissions) > 0:
		add(c.problem(at+".public", "a public route cannot require scopes or permissions"))
	case r.Authorizer != "" && !names[r.Authorizer]:
		add(c.problem(at+".authorizer", "unknown authorizer %q", r.Authorizer))
	case !r.Public && r.Authorizer == "" && c.DefaultAuthorizer == "":
		add(c.problem(at, "no authorizer: set authorizer, default_authorizer, or public: true"))
	}
	for _, list := range [][]string{r.Scopes, r.AnyScopes, r.Permissions} {
		for _, s := range list {
			if s == "" || strings.ContainsAny(s, " \t\"\\") {
				add(c.problem(at, "scope or permission %q is empty or holds a space, quote or backslash", s))
			}
		}
	}
}

func checkUpstream(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Errorf("not a URL: %q", raw)
	case u.Scheme != "http" && u.Scheme != "https", u.Host == "":
		return fmt.Errorf("want an absolute http(s) URL (got %q)", raw)
	case u.Fragment != "" || u.User != nil:
		return fmt.Errorf("%q may not hold a fragment or credentials", raw)
	}
	return nil
}

// checkPatterns registers every route in a scratch ServeMux, which panics
// on an invalid pattern or on two that conflict.
func (c *Config) checkPatterns(add func(error)) {
	mux := http.NewServeMux()
	for i := range c.Routes {
		r := &c.Routes[i]
		if !strings.HasPrefix(r.Path, "/") || (r.Method != "ANY" && !methodPattern.MatchString(r.Method)) {
			continue // already reported
		}
		if err := register(mux, r.pattern(), http.NotFoundHandler()); err != nil {
			add(c.problem(fmt.Sprintf("routes[%d].path", i), "%v", err))
		}
	}
}

// pattern is the route's ServeMux pattern.
func (r *Route) pattern() string {
	if r.Method == "ANY" {
		return r.Path
	}
	return r.Method + " " + r.Path
}

// register adds a pattern to mux, turning its panic into an error.
func register(mux *http.ServeMux, pattern string, h http.Handler) (err error) {
	defer func() {
		if p := recover(); p != nil {
			msg := registeredAt.ReplaceAllString(fmt.Sprint(p), "")
			err = errors.New(strings.ReplaceAll(msg, ":\n", ": "))
		}
	}()
	mux.Handle(pattern, h)
	return nil
}
