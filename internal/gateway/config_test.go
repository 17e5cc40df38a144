package gateway_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/gateway"
)

func TestParseDefaultsAndForms(t *testing.T) {
	c, err := gateway.Parse("g.yaml", []byte(`
authorizers:
  - {name: a, issuer_url: "https://t.example/", audience: api/fruit}
  - {name: b, issuer_url: "https://t.example/", audience: [x, y], algorithms: [RS256, ES256]}
default_authorizer: a
routes:
  - {path: /x, upstream: "http://127.0.0.1:1"}
  - {name: y, method: DELETE, path: "/y/{id}", upstream: "https://up.example/base", authorizer: b, timeout: 2s}
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != gateway.DefaultListen || c.UpstreamTimeout != gateway.DefaultUpstreamTimeout {
		t.Errorf("defaults: listen %q timeout %v", c.Listen, c.UpstreamTimeout)
	}
	if got := c.Authorizers[0].Audience; len(got) != 1 || got[0] != "api/fruit" {
		t.Errorf("audience as a string: %q", got)
	}
	if got := c.Authorizers[1].Audience; len(got) != 2 {
		t.Errorf("audience as a list: %q", got)
	}
	r0, r1 := c.Routes[0], c.Routes[1]
	if r0.Method != "ANY" || r0.Name != "ANY /x" || r0.Timeout != gateway.DefaultUpstreamTimeout || r1.Timeout != 2*time.Second {
		t.Errorf("route defaults: %+v / %+v", r0, r1)
	}
}

// TestParseReportsEveryProblem: each bad file yields all its problems,
// each with the file, line and path.
func TestParseReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown keys", "listen: 127.0.0.1:1\nroutez: []\nroutes:\n  - {path: /, upstream: 'http://x', public: true, scope: [a]}\n",
			[]string{`g.yaml:2: unknown key "routez"`, `g.yaml:4: unknown key "scope"`}},
		{"duplicate key", "routes: []\nroutes: []\n", []string{`g.yaml:2: mapping key "routes" already defined at line 1`}},
		{"wrong types", "routes:\n  - {path: /, upstream: 'http://x', public: maybe, timeout: 5}\n",
			[]string{"g.yaml:2: cannot unmarshal !!str `maybe` into bool", "g.yaml:2: cannot unmarshal !!int `5` into time.Duration"}},
		{"audience a map", "authorizers:\n  - name: a\n    issuer_url: https://t/\n    audience: {x: 1}\nroutes: []\n",
			[]string{"g.yaml:4: want a string or a list of strings"}},
		{"two documents", "routes: []\n---\nroutes: []\n", []string{"g.yaml:2: a gateway file holds one YAML document"}},
		{"empty", "", []string{"g.yaml: the file is empty"}},
		{"not a mapping", "- a\n", []string{"g.yaml:1: cannot unmarshal !!seq into gateway.Config"}},
		{"route rules", `
listen: nowhere
admin_listen: 127.0.0.1:1
authorizers:
  - {name: a, issuer_url: "http://evil.example/", audience: x}
  - {name: a, issuer_url: "https://t.example", audience: [x], algorithms: [HS256]}
  - {name: "bad name", issuer_url: "https://t.example/", audience: x}
default_authorizer: nope
routes:
  - {path: x, upstream: "ftp://h", method: get}
  - {path: /p, upstream: "http://h", public: true, authorizer: a}
  - {path: /q, upstream: "http://h", public: true, scopes: [s]}
  - {path: /r, upstream: "http://h", authorizer: zz, scopes: ["two words"]}
  - {path: /s, upstream: "http://h", strip_prefix: /t, timeout: -1s}
  - {path: "/u/{a}", upstream: "http://h"}
  - {path: "/u/{b}", upstream: "http://h"}
  - {path: "/v/{bad", upstream: "http://h"}
`, []string{
			`g.yaml:2: listen: want host:port`,
			`g.yaml:5: authorizers[0]: Issuer may use http only on a loopback host`,
			`g.yaml:6: authorizers[1].name: authorizer "a" is defined twice`,
			`g.yaml:6: authorizers[1]: algorithm "HS256" is not allowed`,
			`g.yaml:7: authorizers[2].name: want a name of letters`,
			`g.yaml:8: default_authorizer: unknown authorizer "nope"`,
			`g.yaml:10: routes[0].method: want ANY or an upper-case HTTP method (got "get")`,
			`g.yaml:10: routes[0].path: want a path pattern starting with / (got "x")`,
			`g.yaml:10: routes[0].upstream: want an absolute http(s) URL (got "ftp://h")`,
			`g.yaml:11: routes[1].public: a route is either public or has an authorizer, not both`,
			`g.yaml:12: routes[2].public: a public route cannot require scopes or permissions`,
			`g.yaml:13: routes[3].authorizer: unknown authorizer "zz"`,
			`g.yaml:13: routes[3]: scope or permission "two words" is empty or holds a space`,
			`g.yaml:14: routes[4].strip_prefix: "/t" is not a prefix of the path "/s"`,
			`g.yaml:14: routes[4].timeout: must be positive`,
			`g.yaml:16: routes[6].path: pattern "/u/{b}" conflicts with pattern "/u/{a}": /u/{b} matches the same requests as /u/{a}`,
			`g.yaml:17: routes[7].path: parsing "/v/{bad"`,
		}},
		{"no authorizer anywhere", "routes:\n  - {path: /, upstream: 'http://h'}\n",
			[]string{"g.yaml:2: routes[0]: no authorizer: set authorizer, default_authorizer, or public: true"}},
		{"no routes", "listen: 127.0.0.1:1\n", []string{"g.yaml: routes: at least one route is needed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gateway.Parse("g.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != len(tt.want) {
				t.Errorf("%d problems reported, want %d:\n%v", n, len(tt.want), err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, bytes.Repeat([]byte("#"), gateway.MaxFileSize+1), 0o600)
	if _, err := gateway.Load(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized file: %v", err)
	}
	if _, err := gateway.Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestWriteRoutes(t *testing.T) {
	c, err := gateway.Parse("g.yaml", []byte(`
authorizers: [{name: main, issuer_url: "https://t.example/", audience: x}]
default_authorizer: main
routes:
  - {method: GET, path: /api/fruit, upstream: "http://127.0.0.1:5000", any_scopes: [read:a, read:b]}
  - {path: /api/public, upstream: "http://127.0.0.1:5001", public: true}
  - {method: POST, path: /api/x, upstream: "http://127.0.0.1:5001", scopes: [w], permissions: [p]}
`))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	c.WriteRoutes(&b)
	want := `Routes ->
  GET   /api/fruit   -> http://127.0.0.1:5000  authorizer main; any of read:a read:b
  ANY   /api/public  -> http://127.0.0.1:5001  public
  POST  /api/x       -> http://127.0.0.1:5001  authorizer main; scopes w; permissions p
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
