package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"go.yaml.in/yaml/v3"
)

// Limits and defaults of a gateway file.
const (
	MaxFileSize            = 1 << 20
	DefaultListen          = "127.0.0.1:8080"
	DefaultUpstreamTimeout = 30 * time.Second
)

// Config is a gateway file, decoded strictly and validated. Build one with
// Load or Parse; the zero value is not usable.
type Config struct {
	// Listen is the host:port of the gateway; default DefaultListen.
	Listen string `yaml:"listen"`
	// AdminListen, when set, serves /metrics and /healthz on a listener of
	// their own, so that no route can expose or shadow them.
	AdminListen string `yaml:"admin_listen"`
	// TLSCert and TLSKey, when set, make the gateway serve HTTPS.
	TLSCert string `yaml:"tls_cert"`
	TLSKey  string `yaml:"tls_key"`
	// UpstreamTimeout bounds each upstream exchange unless a route says
	// otherwise; default DefaultUpstreamTimeout.
	UpstreamTimeout   time.Duration `yaml:"upstream_timeout"`
	Authorizers       []Authorizer  `yaml:"authorizers"`
	DefaultAuthorizer string        `yaml:"default_authorizer"`
	Routes            []Route       `yaml:"routes"`

	file  string
	lines map[string]int // "routes[2].scopes" → line
}

// Authorizer checks bearer tokens from one issuer for one API, as an API
// gateway's JWT authorizer does (seed 000).
type Authorizer struct {
	Name string `yaml:"name"`
	// IssuerURL is the tokens' iss exactly, e.g. "https://tenant.example/"
	// with its trailing slash; the JWKS is found by OIDC discovery.
	IssuerURL string `yaml:"issuer_url"`
	// Audience is the API identifier, or a list of accepted ones.
	Audience Strings `yaml:"audience"`
	// Algorithms allowed; default RS256.
	Algorithms []string `yaml:"algorithms"`
	// CAFile is a PEM bundle trusted, besides the system roots, when
	// fetching the issuer's discovery document and keys; a relative path
	// is relative to the working directory.
	CAFile string `yaml:"ca_file"`
}

// Route sends requests matching Method and Path to Upstream.
type Route struct {
	// Name labels the route in logs and metrics; default "METHOD path".
	Name string `yaml:"name"`
	// Method is an HTTP method or ANY (the default). GET also matches HEAD.
	Method string `yaml:"method"`
	// Path is a Go ServeMux path pattern: "/api/fruit", "/api/{id}",
	// "/static/" (a subtree), "/files/{path...}", "/{$}".
	Path string `yaml:"path"`
	// Upstream is the base URL requests go to; the request path is
	// appended to its path.
	Upstream string `yaml:"upstream"`
	// Authorizer overrides DefaultAuthorizer; Public skips authorization.
	Authorizer string `yaml:"authorizer"`
	Public     bool   `yaml:"public"`
	// Scopes must all be granted; AnyScopes, at least one of them;
	// Permissions (Auth0 RBAC) must all be held.
	Scopes      []string `yaml:"scopes"`
	AnyScopes   []string `yaml:"any_scopes"`
	Permissions []string `yaml:"permissions"`
	// StripPrefix is removed from the path before it is sent upstream.
	StripPrefix string `yaml:"strip_prefix"`
	// PassToken forwards the client's Authorization header upstream.
	PassToken bool `yaml:"pass_token"`
	// Timeout overrides Config.UpstreamTimeout for this route.
	Timeout time.Duration `yaml:"timeout"`
}

// Strings is a YAML string or list of strings.
type Strings []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (s *Strings) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*s = Strings{n.Value}
		return nil
	case yaml.SequenceNode:
		var list []string
		if err := n.Decode(&list); err != nil {
			return err
		}
		*s = list
		return nil
	}
	return fmt.Errorf("line %d: want a string or a list of strings", n.Line)
}

// Load reads, decodes and validates the gateway file at path.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &Problem{File: path, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileSize)}
	}
	return Parse(path, data)
}

// Parse decodes and validates a gateway file's contents; name is what
// errors call it. Unknown keys, duplicate keys, values of the wrong type
// and every rule of a route table are reported at once, each as a *Problem
// with its line.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{file: name}
	root, err := c.decode(data)
	if err != nil {
		return nil, err
	}
	c.lines = lineIndex(root)
	c.applyDefaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// decode parses the one YAML document strictly into c.
func (c *Config) decode(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(c.file, err)
	}
	if len(doc.Content) == 0 {
		return nil, &Problem{File: c.file, Msg: "the file is empty; at least one route is needed"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		return nil, yamlError(c.file, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, &Problem{File: c.file, Line: next.Line, Msg: "a gateway file holds one YAML document"}
	}
	return doc.Content[0], nil
}

func (c *Config) applyDefaults() {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.UpstreamTimeout == 0 {
		c.UpstreamTimeout = DefaultUpstreamTimeout
	}
	for i := range c.Routes {
		r := &c.Routes[i]
		if r.Method == "" {
			r.Method = "ANY"
		}
		if r.Name == "" {
			r.Name = r.Method + " " + r.Path
		}
		if r.Timeout == 0 {
			r.Timeout = c.UpstreamTimeout
		}
	}
}
