package archtest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/gatehouse/gatehouse/"

// allowed lists, per package, the project packages it may import. A
// project package missing from this table fails the test, so a new
// package must state its place.
var allowed = map[string][]string{
	"internal/idp":           {},
	"internal/idp/storetest": {"internal/idp"},
	"internal/reqbody":       {},
	"internal/sqlite":        {"internal/idp"},
	"internal/postgres":      {"internal/idp"},
	"internal/keys":          {"internal/idp"},
	"internal/devtls":        {},
	"internal/mail":          {},
	"internal/authn":         {"internal/idp"},
	"internal/config":        {"internal/idp"},
	"internal/oauth":         {"internal/idp", "internal/reqbody"},
	"internal/dbconn":        {"internal/idp", "internal/reqbody", "internal/authn"},
	"internal/login":         {"internal/idp", "internal/authn", "internal/mail"},
	"internal/server": {"internal/idp", "internal/keys", "internal/authn", "internal/oauth",
		"internal/dbconn", "internal/login", "internal/mail"},
	"internal/archtest":   {},
	"jwtauth":             {},
	"jwtauth/jwtauthtest": {"jwtauth"},
	"jwtauth/m2m":         {},
	"internal/gateway":    {"jwtauth"},
	// bench/jwtcompare holds only benchmarks (test files) comparing jwtauth
	// with other validators; its test imports are not checked here.
	"bench/jwtcompare": {},
}

// thirdParty lists packages limited to the standard library plus these.
var thirdParty = map[string][]string{
	"internal/idp": {},
	// jwtauth's JOSE library is jwx; fastjson is jwx's own JSON parser
	// (jwsbb's), read directly for the header and claims. jwtauthtest
	// signs with go-jose, so tests also check one library against another.
	"jwtauth":             {"github.com/lestrrat-go/jwx/v3", "github.com/valyala/fastjson"},
	"jwtauth/jwtauthtest": {"github.com/go-jose/go-jose/v4"},
	"jwtauth/m2m":         {"golang.org/x/oauth2"},
	"internal/gateway":    {"go.yaml.in/yaml/v3", "github.com/prometheus/client_golang"},
}

type pkg struct {
	ImportPath string
	Imports    []string
}

func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		checkPackage(t, p)
	}
}

func checkPackage(t *testing.T, p pkg) {
	name := strings.TrimPrefix(p.ImportPath, module)
	if strings.HasPrefix(name, "cmd/") || strings.HasPrefix(name, "e2e") || strings.HasPrefix(name, "examples/") {
		return // the top of the graph may import anything
	}
	ok, listed := allowed[name]
	if !listed {
		t.Errorf("%s: not in the import-rule table; add it", name)
		return
	}
	for _, imp := range p.Imports {
		checkImport(t, name, imp, ok)
	}
}

func checkImport(t *testing.T, name, imp string, ok []string) {
	if dep, internal := strings.CutPrefix(imp, module); internal {
		if !contains(ok, dep) {
			t.Errorf("%s imports %s, which the rules forbid", name, dep)
		}
		return
	}
	limits, limited := thirdParty[name]
	if !limited || !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
		return // standard library, or an unrestricted package
	}
	for _, l := range limits {
		if imp == l || strings.HasPrefix(imp, l+"/") {
			return
		}
	}
	t.Errorf("%s imports %s; it may use only the standard library and %v", name, imp, limits)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
