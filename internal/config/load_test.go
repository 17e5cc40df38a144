package config

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite golden files")

// noEnv is an environment with no variables.
func noEnv(string) (string, bool) { return "", false }

// parse decodes src as "t.yaml" with env vars from env.
func parse(t *testing.T, src string, env map[string]string) (*Tenant, error) {
	t.Helper()
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	return Parse("t.yaml", []byte(strings.TrimLeft(src, "\n")), Options{Env: lookup})
}

// wantErr checks err's text holds every part.
func wantErr(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q\ndoes not contain %q", err, p)
		}
	}
}

func TestLoadGolden(t *testing.T) {
	tn, err := Load("testdata/tenant.yaml", Options{Env: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	if err := tn.Validate(); err != nil {
		t.Fatalf("contract example does not validate: %v", err)
	}
	got, err := yaml.Marshal(tn)
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/tenant.golden.yaml"
	if *update {
		os.WriteFile(golden, got, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("decoded tenant differs from %s (run with -update):\n%s", golden, got)
	}
}

func TestLoadUnknownKeys(t *testing.T) {
	src := `
tenant:
  friendly_name: x
  flagz: {}
clients:
  - name: a
    callbackz: [x]
    jwt_configuration:
      alg: RS256
      lifetime: 3
    refresh_token: {rotation: rotating}
    client_metadata: {anything: goes}
resourceServers:
  - identifier: https://api
    scopes:
      - {value: read, desc: x}
databases:
  - name: db
    options:
      validation:
        username: {min: 1, maximum: 2}
attackProtection:
  suspiciousIpThrottling:
    stage:
      pre-logon: {}
nope: 1
pages: []
`
	_, err := parse(t, src, nil)
	wantErr(t, err,
		`t.yaml:3: tenant: unknown key "flagz"`,
		`t.yaml:6: clients[0]: unknown key "callbackz"`,
		`t.yaml:9: clients[0].jwt_configuration: unknown key "lifetime"`,
		`t.yaml:10: clients[0].refresh_token: unknown key "rotation"`,
		`t.yaml:15: resourceServers[0].scopes[0]: unknown key "desc"`,
		`t.yaml:20: databases[0].options.validation.username: unknown key "maximum"`,
		`t.yaml:24: attackProtection.suspiciousIpThrottling.stage: unknown key "pre-logon"`,
		`t.yaml:25: unknown key "nope"`,
		`t.yaml:26: "pages" is not supported by Gatehouse`,
	)
	if n := strings.Count(err.Error(), "\n") + 1; n != 9 {
		t.Errorf("got %d problems, want 9:\n%v", n, err)
	}
	if idp.ErrorCode(err) != idp.EInvalid {
		t.Errorf("code %q, want invalid", idp.ErrorCode(err))
	}
}

func TestLoadTypeErrors(t *testing.T) {
	src := `
clients:
  - name: a
    oidc_conformant: yes please
    jwt_configuration: {lifetime_in_seconds: soon}
    callbacks: http://one
    client_metadata: [x]
tenant:
  session_lifetime: long
  session_lifetime: 3
`
	_, err := parse(t, src, nil)
	wantErr(t, err,
		`t.yaml:3: clients[0].oidc_conformant: want true or false`,
		`t.yaml:4: clients[0].jwt_configuration.lifetime_in_seconds: want an integer`,
		`t.yaml:5: clients[0].callbacks: want a list`,
		`t.yaml:6: clients[0].client_metadata: want a mapping`,
		`t.yaml:8: tenant.session_lifetime: want a number`,
		`t.yaml:9: tenant: duplicate key "session_lifetime" (first at line 8)`,
	)
}

func TestLoadSyntaxError(t *testing.T) {
	_, err := parse(t, "clients:\n  - name: a\n   app_type: spa\n", nil)
	if err == nil || !regexp.MustCompile(`^t\.yaml:\d+: `).MatchString(err.Error()) {
		t.Errorf("syntax error %v does not name the file and a line", err)
	}
	_, err = parse(t, "- just\n- a list\n", nil)
	wantErr(t, err, "t.yaml:1: want a mapping")
}

func TestLoadEmptyFile(t *testing.T) {
	tn, err := parse(t, "# nothing yet\n", nil)
	if err != nil || tn.Clients != nil || tn.Settings != nil {
		t.Fatalf("got %+v, %v", tn, err)
	}
}

func TestLoadAliasesAndMerge(t *testing.T) {
	src := `
clients:
  - &spa
    name: one
    app_type: spa
    callbacks: [http://localhost/cb]
  - <<: *spa
    name: two
  - <<: *spa
    name: three
    colour: blue
`
	tn, err := parse(t, src, nil)
	wantErr(t, err, `t.yaml:10: clients[2]: unknown key "colour"`)
	tn, err = parse(t, strings.Replace(src, "    colour: blue\n", "", 1), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c := tn.Clients[1]; c.Name != "two" || deref(c.AppType) != "spa" || len(c.Callbacks) != 1 {
		t.Errorf("merged client = %+v", c)
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tenant.yaml")
	os.WriteFile(path, []byte("clients:\n  - name: a\n    callbackz: []\n"), 0o600)
	_, err := Load(path, Options{Env: noEnv})
	wantErr(t, err, path+`:3: clients[0]: unknown key "callbackz"`)

	os.WriteFile(path, bytes.Repeat([]byte("#"), MaxFileSize+1), 0o600)
	_, err = Load(path, Options{Env: noEnv})
	wantErr(t, err, "larger than")

	_, err = Load(filepath.Join(dir, "missing.yaml"), Options{})
	if !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}

func TestLoadOneDocument(t *testing.T) {
	_, err := parse(t, "tenant: {friendly_name: a}\n---\nclients: []\n", nil)
	wantErr(t, err, "t.yaml:2: a tenant file holds one YAML document")
}

func TestLoadMergeIntoMap(t *testing.T) {
	src := "x: &m {team: a}\n"
	_, err := parse(t, src+"clients:\n  - name: c\n    client_metadata:\n      <<: *m\n      env: dev\n", nil)
	wantErr(t, err, `t.yaml:1: unknown key "x"`)
	tn, err := parse(t, "clients:\n  - name: c\n    client_metadata: &m {team: a}\n  - name: d\n    client_metadata:\n      <<: *m\n      env: dev\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if m := tn.Clients[1].ClientMetadata; m["team"] != "a" || m["env"] != "dev" {
		t.Errorf("merged metadata = %v", m)
	}
}
