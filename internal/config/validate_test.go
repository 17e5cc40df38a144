package config

import (
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// validateCases: each source must fail Validate with every listed part.
var validateCases = []struct {
	name, src string
	want      []string
}{
	{"duplicate client", "clients:\n  - name: a\n  - name: a\n",
		[]string{`t.yaml:3: clients[1].name: duplicate client name "a" (first at line 2)`}},
	{"client name required", "clients:\n  - app_type: spa\n",
		[]string{`t.yaml:2: clients[0].name: is required`}},
	{"duplicate API", "resourceServers:\n  - identifier: https://a\n  - identifier: https://a\n",
		[]string{`t.yaml:3: resourceServers[1].identifier: duplicate API identifier "https://a"`}},
	{"duplicate role", "roles:\n  - name: r\n  - name: r\n",
		[]string{`t.yaml:3: roles[1].name: duplicate role name "r"`}},
	{"duplicate connection", "databases:\n  - name: d\n  - name: d\n",
		[]string{`t.yaml:3: databases[1].name: duplicate connection name "d"`}},
	{"grant to missing client", "resourceServers:\n  - identifier: https://a\nclientGrants:\n  - client_id: ghost\n    audience: https://a\n",
		[]string{`t.yaml:4: clientGrants[0].client_id: no client named "ghost"`}},
	{"grant to missing API", "clients:\n  - name: w\nclientGrants:\n  - client_id: w\n    audience: https://nope\n",
		[]string{`t.yaml:5: clientGrants[0].audience: no API with identifier "https://nope"`}},
	{"grant of undefined scope", "clients:\n  - name: w\nresourceServers:\n  - identifier: https://a\n    scopes: [{value: read}]\nclientGrants:\n  - client_id: w\n    audience: https://a\n    scope: [read, write]\n",
		[]string{`t.yaml:9: clientGrants[0].scope[1]: API "https://a" defines no scope "write"`}},
	{"duplicate grant", "clients:\n  - name: w\nresourceServers:\n  - identifier: https://a\nclientGrants:\n  - {client_id: w, audience: https://a}\n  - {client_id: w, audience: https://a}\n",
		[]string{`t.yaml:7: clientGrants[1]: duplicate client grant`}},
	{"grant extras", "clients:\n  - name: w\nresourceServers:\n  - identifier: https://a\nclientGrants:\n  - client_id: w\n    audience: https://a\n    subject_type: user\n    allow_all_scopes: true\n    default_for: third_party_clients\n",
		[]string{`t.yaml:8: clientGrants[0].subject_type: "user" is not one of client`, `t.yaml:9: clientGrants[0].allow_all_scopes: is not supported`, `t.yaml:10: clientGrants[0].default_for: is not supported`}},
	{"enabled client missing", "databases:\n  - name: d\n    enabled_clients: [a, b]\nclients:\n  - name: a\n",
		[]string{`t.yaml:3: databases[0].enabled_clients[1]: no client named "b"`}},
	{"role permission missing API", "roles:\n  - name: r\n    permissions:\n      - {permission_name: read, resource_server_identifier: https://x}\n",
		[]string{`t.yaml:4: roles[0].permissions[0].resource_server_identifier: no API with identifier "https://x"`}},
	{"role permission undefined scope", "resourceServers:\n  - identifier: https://a\n    scopes: [{value: read}]\nroles:\n  - name: r\n    permissions:\n      - permission_name: delete\n        resource_server_identifier: https://a\n",
		[]string{`t.yaml:7: roles[0].permissions[0].permission_name: API "https://a" defines no scope "delete"`}},
	{"app_type", "clients:\n  - name: a\n    app_type: web\n",
		[]string{`t.yaml:3: clients[0].app_type: "web" is not one of spa, native, regular_web, non_interactive`}},
	{"grant_types", "clients:\n  - name: a\n    grant_types: [authorization_code, urn:ietf:params:oauth:grant-type:device_code]\n",
		[]string{`t.yaml:3: clients[0].grant_types[1]: "urn:ietf:params:oauth:grant-type:device_code" is not one of`}},
	{"auth method", "clients:\n  - name: a\n    token_endpoint_auth_method: private_key_jwt\n",
		[]string{`t.yaml:3: clients[0].token_endpoint_auth_method: "private_key_jwt" is not one of none, client_secret_post, client_secret_basic`}},
	{"client jwt alg", "clients:\n  - name: a\n    jwt_configuration:\n      alg: HS256\n      lifetime_in_seconds: 0\n",
		[]string{`t.yaml:4: clients[0].jwt_configuration.alg: "HS256" is not one of RS256, ES256`, `t.yaml:5: clients[0].jwt_configuration.lifetime_in_seconds: 0 is out of range`}},
	{"refresh token", "clients:\n  - name: a\n    refresh_token:\n      rotation_type: sometimes\n      expiration_type: never\n      leeway: -1\n      token_lifetime: 31557601\n      idle_token_lifetime: 0\n",
		[]string{`t.yaml:4: clients[0].refresh_token.rotation_type`, `t.yaml:5: clients[0].refresh_token.expiration_type`, `t.yaml:6: clients[0].refresh_token.leeway: -1 is out of range`, `t.yaml:7: clients[0].refresh_token.token_lifetime: 31557601 is out of range`, `t.yaml:8: clients[0].refresh_token.idle_token_lifetime: 0`}},
	{"API signing alg", "resourceServers:\n  - identifier: https://a\n    signing_alg: HS256\n",
		[]string{`t.yaml:3: resourceServers[0].signing_alg: "HS256" is not one of RS256, ES256`}},
	{"API signing secret", "resourceServers:\n  - identifier: https://a\n    signing_secret: ${S}\n",
		[]string{`t.yaml:3: resourceServers[0].signing_secret: HS256 APIs are not supported`}},
	{"API dialect", "resourceServers:\n  - identifier: https://a\n    token_dialect: jwt\n",
		[]string{`t.yaml:3: resourceServers[0].token_dialect: "jwt" is not one of access_token, access_token_authz, rfc9068_profile, rfc9068_profile_authz`}},
	{"API lifetime", "resourceServers:\n  - identifier: https://a\n    token_lifetime: 2592001\n",
		[]string{`t.yaml:3: resourceServers[0].token_lifetime: 2592001 is out of range [1, 2592000]`}},
	{"API web lifetime", "resourceServers:\n  - identifier: https://a\n    token_lifetime: 3600\n    token_lifetime_for_web: 7200\n",
		[]string{`t.yaml:4: resourceServers[0].token_lifetime_for_web: 7200 is out of range [1, 3600]`}},
	{"API web lifetime over default", "resourceServers:\n  - identifier: https://a\n    token_lifetime_for_web: 90000\n",
		[]string{`t.yaml:3: resourceServers[0].token_lifetime_for_web: 90000 is out of range [1, 86400]`}},
	{"API scopes", "resourceServers:\n  - identifier: https://a\n    scopes:\n      - {value: read}\n      - {value: read}\n      - {description: x}\n",
		[]string{`t.yaml:5: resourceServers[0].scopes[1].value: duplicate scope "read"`, `t.yaml:6: resourceServers[0].scopes[2].value: is required`}},
	{"API identifier required", "resourceServers:\n  - name: a\n",
		[]string{`t.yaml:2: resourceServers[0].identifier: is required`}},
	{"secret on public client", "clients:\n  - name: a\n    app_type: spa\n    client_secret: " + strings.Repeat("x", 40) + "\n",
		[]string{`t.yaml:4: clients[0].client_secret: a public client (token_endpoint_auth_method none) has no secret`}},
	{"client_credentials on public client", "clients:\n  - name: a\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, client_credentials]\n",
		[]string{`t.yaml:4: clients[0].grant_types[1]: a public client (token_endpoint_auth_method none) cannot use client_credentials`}},
	{"explicit client_id shape", "clients:\n  - name: a\n    client_id: short\n  - name: b\n    client_id: has spaces in it, sadly\n",
		[]string{`t.yaml:3: clients[0].client_id: must be 16 to 64 characters`, `t.yaml:5: clients[1].client_id: must be 16 to 64 characters`}},
	{"duplicate explicit client_id", "clients:\n  - {name: a, client_id: abcdefghijklmnop}\n  - {name: b, client_id: abcdefghijklmnop}\n",
		[]string{`t.yaml:3: clients[1].client_id: duplicate client_id "abcdefghijklmnop"`}},
	{"short secret", "clients:\n  - name: a\n    client_secret: hunter2\n",
		[]string{`t.yaml:3: clients[0].client_secret: must be at least 32 characters`}},
	{"private_key_jwt", "clients:\n  - name: a\n    client_authentication_methods:\n      private_key_jwt:\n        credentials: [{name: k, pem: x}]\n",
		[]string{`t.yaml:3: clients[0].client_authentication_methods: private_key_jwt client authentication is not supported`}},
	{"password policy", "databases:\n  - name: d\n    options:\n      passwordPolicy: strong\n      password_complexity_options: {min_length: 200}\n      password_history: {size: 25}\n",
		[]string{`t.yaml:4: databases[0].options.passwordPolicy: "strong" is not one of none, low, fair, good, excellent`, `t.yaml:5: databases[0].options.password_complexity_options.min_length: 200 is out of range [1, 128]`, `t.yaml:6: databases[0].options.password_history.size: 25`}},
	{"username length", "databases:\n  - name: d\n    options:\n      validation:\n        username: {min: 10, max: 5}\n",
		[]string{`t.yaml:5: databases[0].options.validation.username.min: is greater than max`}},
	{"database strategy and scripts", "databases:\n  - name: d\n    strategy: google-oauth2\n    options:\n      enabledDatabaseCustomization: true\n      import_mode: true\n",
		[]string{`t.yaml:3: databases[0].strategy: "google-oauth2" is not supported`, `t.yaml:5: databases[0].options.enabledDatabaseCustomization: custom database scripts are not supported`, `t.yaml:6: databases[0].options.import_mode`}},
	{"tenant", "tenant:\n  session_lifetime: 0\n  idle_session_lifetime: 9000\n  session_cookie: {mode: forever}\n",
		[]string{`t.yaml:2: tenant.session_lifetime: 0 hours is out of range`, `t.yaml:3: tenant.idle_session_lifetime: 9000 hours`, `t.yaml:4: tenant.session_cookie.mode: "forever" is not one of persistent, non-persistent`}},
	{"brute force", "attackProtection:\n  bruteForceProtection:\n    shields: [block, admin_notification]\n    mode: count_per_ip\n    max_attempts: 101\n    allowlist: [10.0.0.0/8, 2001:db8::1, localhost]\n",
		[]string{`t.yaml:3: attackProtection.bruteForceProtection.shields[1]: "admin_notification" is not one of block, user_notification`, `t.yaml:4: attackProtection.bruteForceProtection.mode`, `t.yaml:5: attackProtection.bruteForceProtection.max_attempts: 101 is out of range [1, 100]`, `t.yaml:6: attackProtection.bruteForceProtection.allowlist[2]: "localhost" is not an IP address or CIDR range`}},
	{"suspicious IP", "attackProtection:\n  suspiciousIpThrottling:\n    shields: [block, user_notification]\n    allowlist: [proxy]\n    stage:\n      pre-login: {max_attempts: 0, rate: 864000}\n      pre-user-registration: {max_attempts: 50, rate: 0}\n",
		[]string{`t.yaml:3: attackProtection.suspiciousIpThrottling.shields[1]: "user_notification" is not one of block, admin_notification`, `t.yaml:4: attackProtection.suspiciousIpThrottling.allowlist[0]: "proxy" is not an IP address or CIDR range`, `attackProtection.suspiciousIpThrottling.stage.pre-login.max_attempts: 0 is out of range`, `attackProtection.suspiciousIpThrottling.stage.pre-user-registration.rate: 0 is out of range`}},
}

func TestValidateErrors(t *testing.T) {
	env := map[string]string{"S": "secret"}
	for _, tc := range validateCases {
		t.Run(tc.name, func(t *testing.T) {
			tn, err := parse(t, tc.src, env)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			err = tn.Validate()
			wantErr(t, err, tc.want...)
			if n := strings.Count(err.Error(), "\n") + 1; n != len(tc.want) {
				t.Errorf("got %d problems, want %d:\n%v", n, len(tc.want), err)
			}
			if idp.ErrorCode(err) != idp.EInvalid {
				t.Errorf("code %q, want invalid", idp.ErrorCode(err))
			}
		})
	}
}

func TestValidateReportsEverything(t *testing.T) {
	src := `
clients:
  - {name: a, app_type: web}
  - {name: a}
resourceServers:
  - {identifier: https://a, signing_alg: HS256}
roles:
  - name: r
    permissions: [{permission_name: x, resource_server_identifier: https://b}]
`
	tn, err := parse(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantErr(t, tn.Validate(), "t.yaml:2: clients[0].app_type", "t.yaml:3: clients[1].name", "t.yaml:5: resourceServers[0].signing_alg", "t.yaml:8: roles[0].permissions[0].resource_server_identifier")
}

func TestValidateAcceptsReferencesByExplicitID(t *testing.T) {
	src := `
clients:
  - {name: worker, client_id: worker-client-0001, client_secret: "${SECRET}"}
resourceServers:
  - {identifier: https://a, scopes: [{value: read}]}
clientGrants:
  - {client_id: worker-client-0001, audience: https://a, scope: [read]}
databases:
  - {name: db, enabled_clients: [worker-client-0001, worker]}
`
	tn, err := parse(t, src, map[string]string{"SECRET": strings.Repeat("k", 32)})
	if err != nil {
		t.Fatal(err)
	}
	if err := tn.Validate(); err != nil {
		t.Fatal(err)
	}
}
