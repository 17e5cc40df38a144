package config

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

var (
	hasher = idp.NewSecretHasher(bytes.Repeat([]byte("k"), 32))
	t0     = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
)

func newStore(t *testing.T) idp.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// apply parses src (or loads the contract example when src is "") and
// applies it.
func apply(t *testing.T, st idp.Store, src string) (Result, error) {
	t.Helper()
	tn, err := Load("testdata/tenant.yaml", Options{Env: noEnv})
	if src != "" {
		tn, err = parse(t, src, map[string]string{"SECRET": strings.Repeat("s", 40)})
	}
	if err != nil {
		t.Fatal(err)
	}
	return Apply(context.Background(), st, hasher, tn, t0)
}

func mustApply(t *testing.T, st idp.Store, src string) Result {
	t.Helper()
	res, err := apply(t, st, src)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestApplyExample(t *testing.T) {
	ctx, st := context.Background(), newStore(t)
	res := mustApply(t, st, "")
	if n := res.Count(Created); n != 6 {
		t.Errorf("created %d entities, want 6 (2 clients, API, grant, database, role): %+v", n, res.Changes)
	}
	api, _ := st.GetResourceServerByIdentifier(ctx, "https://api.acme.test")
	if api.Name != "Acme API" || !api.AddsPermissions() || len(api.Scopes) != 2 || api.TokenLifetimeForWeb != 7200 {
		t.Errorf("API = %+v", api)
	}
	spa, _ := st.GetClientByName(ctx, "Acme SPA")
	if !spa.IsPublic() || spa.SecretHash != nil || spa.RefreshToken.RotationType != "rotating" || !spa.OIDCConformant || !spa.IsFirstParty {
		t.Errorf("SPA = %+v", spa)
	}
	worker, _ := st.GetClientByName(ctx, "Acme Worker")
	secret := res.Secrets["Acme Worker"]
	if len(res.Secrets) != 1 || !hasher.Equal(secret, worker.SecretHash) {
		t.Errorf("secrets %v do not match the worker's hash", res.Secrets)
	}
	if worker.JWTConfiguration != (idp.JWTConfiguration{Alg: "RS256", LifetimeInSeconds: 36000}) ||
		worker.RefreshToken != idp.DefaultRefreshTokenConfig() || len(worker.ID) != 32 || !worker.CreatedAt.Equal(t0) {
		t.Errorf("worker defaults = %+v", worker)
	}
	g, err := st.GetClientGrant(ctx, worker.ID, "https://api.acme.test")
	if err != nil || !slices.Equal(g.Scope, []string{"read:orders"}) {
		t.Errorf("grant = %+v, %v", g, err)
	}
	db, _ := st.GetConnectionByName(ctx, "Username-Password-Authentication")
	if !slices.Equal(db.EnabledClients, []string{spa.ID}) || db.Options.PasswordPolicy != "good" || db.Options.MinLength != 8 || !db.Options.BruteForceProtection {
		t.Errorf("connection = %+v", db)
	}
	role, _ := st.GetRoleByName(ctx, "Order Admin")
	if len(role.Permissions) != 2 || role.Description != "Can manage orders" {
		t.Errorf("role = %+v", role)
	}
	tn, _ := st.GetTenant(ctx)
	if tn.FriendlyName != "Acme (dev)" || !slices.Equal(tn.AllowedLogoutURLs, []string{"http://localhost:3000"}) {
		t.Errorf("tenant = %+v", tn)
	}
}

func TestApplyIdempotent(t *testing.T) {
	ctx, st := context.Background(), newStore(t)
	mustApply(t, st, "")
	before, _ := st.ListClients(ctx)
	res := mustApply(t, st, "")
	if res.Count(Created)+res.Count(Updated) != 0 || len(res.Secrets) != 0 {
		t.Errorf("second apply changed things: %+v", res)
	}
	if n := res.Count(Unchanged); n != 9 {
		t.Errorf("%d unchanged, want 9 (6 entities, tenant, brute force, IP throttling): %+v", n, res.Changes)
	}
	after, _ := st.ListClients(ctx)
	for i := range before {
		if !bytes.Equal(before[i].SecretHash, after[i].SecretHash) || !after[i].UpdatedAt.Equal(t0) {
			t.Errorf("client %q was rewritten", before[i].Name)
		}
	}
}

func TestApplyPatchesAndLeavesOthersAlone(t *testing.T) {
	ctx, st := context.Background(), newStore(t)
	st.CreateClient(ctx, idp.Client{ID: "hand-made-client-0001", Name: "Hand made"})
	mustApply(t, st, "clients:\n  - name: web\n    app_type: regular_web\n    description: first\n    callbacks: [https://a/cb]\n")
	res := mustApply(t, st, "clients:\n  - name: web\n    description: second\n")
	if res.Changes[0] != (Change{Kind: "client", Key: "web", Action: Updated}) {
		t.Errorf("changes = %+v", res.Changes)
	}
	c, _ := st.GetClientByName(ctx, "web")
	if c.Description != "second" || !slices.Equal(c.Callbacks, []string{"https://a/cb"}) || c.AppType != "regular_web" {
		t.Errorf("patched client = %+v", c)
	}
	if _, err := st.GetClient(ctx, "hand-made-client-0001"); err != nil {
		t.Errorf("a client absent from the file was touched: %v", err)
	}
	res = mustApply(t, st, "clients:\n  - name: web\n    callbacks: []\n")
	c, _ = st.GetClientByName(ctx, "web")
	if res.Count(Updated) != 1 || len(c.Callbacks) != 0 {
		t.Errorf("empty list did not clear callbacks: %+v", c)
	}
}

func TestApplyExplicitCredentials(t *testing.T) {
	ctx, st := context.Background(), newStore(t)
	src := "clients:\n  - name: svc\n    app_type: non_interactive\n    client_id: svc-client-id-0001\n    client_secret: ${SECRET}\n"
	res := mustApply(t, st, src)
	c, err := st.GetClient(ctx, "svc-client-id-0001")
	if err != nil || !hasher.Equal(strings.Repeat("s", 40), c.SecretHash) || len(res.Secrets) != 0 {
		t.Fatalf("client = %+v, %v; secrets %v", c, err, res.Secrets)
	}
	if res := mustApply(t, st, src); res.Count(Unchanged) != 1 {
		t.Errorf("re-apply = %+v", res.Changes)
	}
	rotated := strings.Replace(src, "${SECRET}", strings.Repeat("t", 32), 1)
	if res := mustApply(t, st, rotated); res.Count(Updated) != 1 {
		t.Errorf("new secret = %+v", res.Changes)
	}
	c, _ = st.GetClient(ctx, "svc-client-id-0001")
	if !hasher.Equal(strings.Repeat("t", 32), c.SecretHash) {
		t.Error("explicit secret was not rehashed")
	}
	other := strings.Replace(src, "svc-client-id-0001", "svc-client-id-0002", 1)
	_, err = apply(t, st, other)
	if idp.ErrorCode(err) != idp.EConflict || !strings.Contains(err.Error(), "t.yaml:4: clients[0].client_id") {
		t.Errorf("changing an explicit client_id: %v", err)
	}
}

// TestApplyAtomic makes Apply fail on its second client, after it wrote an
// API and a client, and checks that nothing of it was kept.
func TestApplyAtomic(t *testing.T) {
	ctx, st := context.Background(), newStore(t)
	mustApply(t, st, "clients:\n  - name: old\n    client_id: taken-client-id-01\n")
	before, _ := st.ListClients(ctx)
	_, err := apply(t, st, `
tenant:
  friendly_name: Changed
resourceServers:
  - identifier: https://new.api
clients:
  - name: fine
  - name: new
    client_id: taken-client-id-01
`)
	if idp.ErrorCode(err) != idp.EConflict || !strings.Contains(err.Error(), `t.yaml:8: clients[1].client_id: client_id is already used by client "old"`) {
		t.Fatalf("err = %v", err)
	}
	after, _ := st.ListClients(ctx)
	if len(after) != len(before) {
		t.Errorf("clients: %d before, %d after a failed apply", len(before), len(after))
	}
	if _, err := st.GetResourceServerByIdentifier(ctx, "https://new.api"); !idp.IsNotFound(err) {
		t.Errorf("API from a failed apply: %v", err)
	}
	if tn, _ := st.GetTenant(ctx); tn.FriendlyName != idp.DefaultTenant().FriendlyName {
		t.Errorf("tenant from a failed apply: %q", tn.FriendlyName)
	}
}

func TestApplyValidatesFirst(t *testing.T) {
	ctx, st := context.Background(), newStore(t)
	_, err := apply(t, st, "clients:\n  - name: a\n    app_type: web\n")
	if idp.ErrorCode(err) != idp.EInvalid {
		t.Fatalf("err = %v", err)
	}
	if cs, _ := st.ListClients(ctx); len(cs) != 0 {
		t.Errorf("invalid file wrote %d clients", len(cs))
	}
}

func TestApplyStoreReferences(t *testing.T) {
	st := newStore(t)
	_, err := apply(t, st, "tenant:\n  default_directory: nowhere\n")
	wantErr(t, err, `t.yaml:2: tenant.default_directory: no connection named "nowhere"`)
	_, err = apply(t, st, "tenant:\n  default_audience: https://nowhere\n")
	wantErr(t, err, `t.yaml:2: tenant.default_audience: no API with identifier "https://nowhere"`)
}

func TestApplyDefaults(t *testing.T) {
	ctx, st := context.Background(), newStore(t)
	res := mustApply(t, st, `
resourceServers:
  - identifier: https://short
    token_lifetime: 600
clients:
  - {name: native, app_type: native}
  - {name: m2m, app_type: non_interactive}
  - {name: odd, app_type: regular_web, token_endpoint_auth_method: none}
databases:
  - name: plain
attackProtection:
  bruteForceProtection: {max_attempts: 3}
  suspiciousIpThrottling:
    shields: [block]
    allowlist: [10.0.0.0/8]
    stage: {pre-login: {max_attempts: 20, rate: 60000}}
`)
	api, _ := st.GetResourceServerByIdentifier(ctx, "https://short")
	if api.SigningAlg != "RS256" || api.TokenLifetimeForWeb != 600 || api.TokenDialect != "access_token" || api.Name != "https://short" {
		t.Errorf("API defaults = %+v", api)
	}
	want := map[string][]string{
		"native": {"implicit", "authorization_code", "refresh_token"},
		"m2m":    {"client_credentials"},
		"odd":    {"implicit", "authorization_code", "refresh_token"},
	}
	for name, grants := range want {
		c, _ := st.GetClientByName(ctx, name)
		if !slices.Equal(c.GrantTypes, grants) || (name == "m2m") == c.IsPublic() {
			t.Errorf("%s: grants %v, method %q", name, c.GrantTypes, c.TokenEndpointAuthMethod)
		}
	}
	if len(res.Secrets) != 1 || res.Secrets["m2m"] == "" {
		t.Errorf("secrets = %v", res.Secrets)
	}
	db, _ := st.GetConnectionByName(ctx, "plain")
	if db.Strategy != "auth0" || db.Options.PasswordPolicy != "good" || !db.Options.BruteForceProtection {
		t.Errorf("connection defaults = %+v", db)
	}
	tn, _ := st.GetTenant(ctx)
	if tn.BruteForce.MaxAttempts != 3 || !tn.BruteForce.Enabled || len(tn.BruteForce.Shields) != 2 {
		t.Errorf("brute force = %+v", tn.BruteForce)
	}
	ipt, def := tn.IPThrottle, idp.DefaultIPThrottle()
	if !ipt.Enabled || !slices.Equal(ipt.Shields, []string{"block"}) || !slices.Equal(ipt.Allowlist, []string{"10.0.0.0/8"}) ||
		ipt.PreLogin != (idp.ThrottleRate{MaxAttempts: 20, Every: time.Minute}) || ipt.PreRegistration != def.PreRegistration {
		t.Errorf("suspicious-IP throttling = %+v", ipt)
	}
}
