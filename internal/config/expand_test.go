package config

import (
	"slices"
	"strings"
	"testing"
)

func TestEnvExpansion(t *testing.T) {
	src := `
tenant:
  friendly_name: "${ENVNAME} tenant"
  support_url: https://${HOST}/help?cost=$${NOT_A_VAR}
  session_lifetime: ${HOURS}
clients:
  - name: ${APP}
    client_secret: ${SECRET}
    jwt_configuration:
      lifetime_in_seconds: ${TTL}
    description: '${TTL}'
    client_metadata:
      ${APP}: keys are not expanded
`
	env := map[string]string{"ENVNAME": "dev", "HOST": "example.test", "HOURS": "12.5",
		"APP": "Shop", "SECRET": strings.Repeat("s", 40), "TTL": "600"}
	tn, err := parse(t, src, env)
	if err != nil {
		t.Fatal(err)
	}
	s, c := tn.Settings, tn.Clients[0]
	checks := map[string][2]any{
		"friendly_name":  {*s.FriendlyName, "dev tenant"},
		"support_url":    {*s.SupportURL, "https://example.test/help?cost=${NOT_A_VAR}"},
		"hours (float)":  {*s.SessionLifetime, 12.5},
		"name":           {c.Name, "Shop"},
		"secret":         {c.ClientSecret, env["SECRET"]},
		"ttl (int)":      {*c.JWTConfiguration.LifetimeInSeconds, 600},
		"quoted stays":   {*c.Description, "600"},
		"key unexpanded": {c.ClientMetadata["${APP}"], "keys are not expanded"},
	}
	for name, pair := range checks {
		if pair[0] != pair[1] {
			t.Errorf("%s = %#v, want %#v", name, pair[0], pair[1])
		}
	}
}

func TestEnvErrors(t *testing.T) {
	src := `
clients:
  - name: a
    client_secret: ${MISSING_SECRET}
    description: ${oops
    callbacks: ["${1BAD}", "${}"]
`
	_, err := parse(t, src, nil)
	wantErr(t, err,
		"t.yaml:3: environment variable MISSING_SECRET is not set",
		"t.yaml:4: malformed ${...} reference",
		"t.yaml:5: malformed ${...} reference",
	)
	if strings.Count(err.Error(), "malformed") != 3 {
		t.Errorf("want three malformed references: %v", err)
	}
}

func TestEnvValueIsNotYAML(t *testing.T) {
	// A variable holding YAML syntax stays one string: no injection.
	tn, err := parse(t, "clients:\n  - name: ${V}\n", map[string]string{"V": "x\n    app_type: spa"})
	if err != nil {
		t.Fatal(err)
	}
	if c := tn.Clients[0]; c.AppType != nil || c.Name != "x\n    app_type: spa" {
		t.Errorf("client = %+v", c)
	}
}

func TestKeywordReplacement(t *testing.T) {
	src := `
tenant:
  friendly_name: My ##ENVIRONMENT## tenant
  allowed_logout_urls: @@ALLOWED_LOGOUTS@@
clients:
  - name: @@APP_NAME@@
    allowed_origins: @@ALLOWED_ORIGINS@@
    client_metadata: @@META@@
    jwt_configuration: {lifetime_in_seconds: ##TTL##}
`
	kw := map[string]any{
		"ENVIRONMENT":     "dev",
		"ALLOWED_LOGOUTS": []string{"https://dev.test/logout", "http://localhost:3000/logout"},
		"ALLOWED_ORIGINS": []any{"https://dev.test"},
		"APP_NAME":        "Shop <dev>",
		"META":            map[string]string{"team": "a&b"},
		"TTL":             3600,
	}
	tn, err := Parse("t.yaml", []byte(src), Options{Env: noEnv, Keywords: kw})
	if err != nil {
		t.Fatal(err)
	}
	c := tn.Clients[0]
	switch {
	case *tn.Settings.FriendlyName != "My dev tenant":
		t.Errorf("friendly_name %q", *tn.Settings.FriendlyName)
	case !slices.Equal(tn.Settings.AllowedLogoutURLs, kw["ALLOWED_LOGOUTS"].([]string)):
		t.Errorf("allowed_logout_urls %q", tn.Settings.AllowedLogoutURLs)
	case c.Name != "Shop <dev>" || len(c.AllowedOrigins) != 1 || c.ClientMetadata["team"] != "a&b":
		t.Errorf("client %+v", c)
	case *c.JWTConfiguration.LifetimeInSeconds != 3600:
		t.Errorf("ttl %d", *c.JWTConfiguration.LifetimeInSeconds)
	}
}

func TestKeywordUnknown(t *testing.T) {
	src := "tenant:\n  friendly_name: x\n  support_url: https://##HOST##/\n"
	_, err := Parse("t.yaml", []byte(src), Options{Env: noEnv, Keywords: map[string]any{"OTHER": 1}})
	wantErr(t, err, "t.yaml:3: no keyword mapping for ##HOST##")
	_, err = Parse("t.yaml", []byte("clients: @@LIST@@\n"), Options{Env: noEnv})
	wantErr(t, err, "t.yaml:1: no keyword mapping for @@LIST@@")
}

func TestExpandEscapes(t *testing.T) {
	env := func(k string) (string, bool) { return "<" + k + ">", true }
	cases := map[string]string{
		"plain":         "plain",
		"$HOME":         "$HOME",
		"${A}${B}":      "<A><B>",
		"$${A}":         "${A}",
		"x$${A}y${B}z":  "x${A}y<B>z",
		"cost: $5":      "cost: $5",
		"${A_1}-${_b}":  "<A_1>-<_b>",
		"trailing $":    "trailing $",
		"$$":            "$$",
		"${A}$${B}${C}": "<A>${B}<C>",
	}
	for in, want := range cases {
		got, problems := expand(in, env)
		if got != want || problems != nil {
			t.Errorf("expand(%q) = %q, %v; want %q", in, got, problems, want)
		}
	}
}
