package oauth

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/keys"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Fixed ids keep golden files stable.
const (
	m2mID      = "m2mClient0000000000000000000000A"
	m2mSecret  = "m2m-secret-0123456789"
	webID      = "webClient0000000000000000000000B"
	webSecret  = "web-secret-0123456789"
	spaID      = "spaClient0000000000000000000000C"
	basicID    = "basic:Client/00000000000000000D"
	basicSecre = "s3cr3t with spaces+plus%percent:colon/é&="
	nrID       = "nonRotatingClient00000000000000E"
	aliceID    = "auth0|000000000000000000000a11"
	bobID      = "auth0|000000000000000000000b0b"
	alicePass  = "correct horse battery staple"
	apiAud     = "https://api.example.com/"
	rbacAud    = "https://rbac.example.com/"
	esAud      = "https://es.example.com/"
	appOrigin  = "https://app.example.com"
)

// clock is a settable test clock starting at the real time (go-oidc
// checks tokens against its own clock).
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a running server over a real SQLite store, key manager and
// authn service, seeded with clients, APIs, grants and users.
type fixture struct {
	t      testing.TB
	ctx    context.Context
	store  idp.Store
	keys   *keys.Manager
	users  *authn.Service
	clock  *clock
	h      *Handler
	mux    *http.ServeMux
	srv    *httptest.Server
	issuer string
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), clock: &clock{t: time.Now().Truncate(time.Second)}}
	s, err := sqlite.Open(f.ctx, ":memory:")
	must(t, err)
	t.Cleanup(func() { s.Close() })
	f.store = s
	f.mux = http.NewServeMux()
	f.srv = httptest.NewTLSServer(f.mux)
	t.Cleanup(f.srv.Close)
	f.issuer = f.srv.URL + "/"
	f.startKeys()
	f.users = authn.New(s, authn.Options{Issuer: f.issuer, Now: f.clock.Now, Log: quiet, ResetKey: make([]byte, 32)})
	f.h = &Handler{Store: s, Keys: f.keys, Users: f.users, Secrets: idp.NewSecretHasher(make([]byte, 32)),
		Issuer: f.issuer, Now: f.clock.Now, Log: quiet}
	f.h.Mount(f.mux)
	f.seed()
	return f
}

func (f *fixture) startKeys() {
	c, err := keys.NewCipher([]byte("0123456789abcdef0123456789abcdef"))
	must(f.t, err)
	f.keys = keys.NewManager(f.store, c, "localhost", f.clock.Now, quiet)
	must(f.t, f.keys.Load(f.ctx))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// seed creates the tenant's clients, APIs, grants, connection and users.
func (f *fixture) seed() {
	for _, c := range f.clients() {
		must(f.t, f.store.CreateClient(f.ctx, c))
	}
	for _, r := range apis() {
		must(f.t, f.store.CreateResourceServer(f.ctx, r))
	}
	f.grant(m2mID, apiAud, "read:a", "write:a")
	f.grant(m2mID, esAud, "read:e")
	f.grant(basicID, apiAud, "read:a")
	f.seedConnections()
	f.seedUsers()
}

func (f *fixture) clients() []idp.Client {
	rotating := idp.RefreshTokenConfig{RotationType: "rotating", ExpirationType: "expiring",
		TokenLifetime: 3600, IdleTokenLifetime: 600}
	userGrants := []string{idp.GrantPassword, idp.GrantPasswordRealm, idp.GrantRefreshToken}
	return []idp.Client{
		{ID: m2mID, Name: "m2m", AppType: idp.AppNonInteractive, SecretHash: f.hash(m2mSecret),
			TokenEndpointAuthMethod: idp.AuthClientSecretPost, GrantTypes: []string{idp.GrantClientCredentials}},
		{ID: webID, Name: "web", AppType: idp.AppRegularWeb, SecretHash: f.hash(webSecret),
			TokenEndpointAuthMethod: idp.AuthClientSecretPost, GrantTypes: userGrants,
			TokenEndpointIPTrusted: true, RefreshToken: rotating, WebOrigins: []string{"https://web.example.com"}},
		{ID: spaID, Name: "spa", AppType: idp.AppSPA, TokenEndpointAuthMethod: idp.AuthNone,
			GrantTypes:     append(userGrants, idp.GrantClientCredentials),
			Callbacks:      []string{appOrigin + "/callback?x=1"},
			AllowedOrigins: []string{"https://*.preview.example.com"}, RefreshToken: rotating},
		{ID: basicID, Name: "basic", AppType: idp.AppNonInteractive, SecretHash: f.hash(basicSecre),
			TokenEndpointAuthMethod: idp.AuthClientSecretBasic, GrantTypes: []string{idp.GrantClientCredentials}},
		{ID: nrID, Name: "non-rotating", AppType: idp.AppRegularWeb, SecretHash: f.hash(webSecret),
			TokenEndpointAuthMethod: idp.AuthClientSecretPost, GrantTypes: userGrants,
			RefreshToken: idp.DefaultRefreshTokenConfig()},
	}
}

func (f *fixture) hash(secret string) []byte {
	return idp.NewSecretHasher(make([]byte, 32)).Hash(secret)
}

func apis() []idp.ResourceServer {
	return []idp.ResourceServer{
		{ID: idp.NewResourceServerID(), Name: "API", Identifier: apiAud, SigningAlg: "RS256",
			TokenLifetime: 86400, AllowOfflineAccess: true, TokenDialect: idp.DialectAccessToken,
			Scopes: []idp.Scope{{Value: "read:a"}, {Value: "write:a"}}},
		{ID: idp.NewResourceServerID(), Name: "RBAC", Identifier: rbacAud, SigningAlg: "RS256",
			TokenLifetime: 3600, EnforcePolicies: true, TokenDialect: idp.DialectAccessTokenAuthz,
			Scopes: []idp.Scope{{Value: "read:x"}, {Value: "write:x"}}},
		{ID: idp.NewResourceServerID(), Name: "ES", Identifier: esAud, SigningAlg: "ES256",
			TokenLifetime: 600, TokenDialect: idp.DialectRFC9068, AllowOfflineAccess: true,
			Scopes: []idp.Scope{{Value: "read:e"}}},
	}
}

func (f *fixture) grant(clientID, aud string, scopes ...string) {
	must(f.t, f.store.CreateClientGrant(f.ctx, idp.ClientGrant{ID: idp.NewClientGrantID(),
		ClientID: clientID, Audience: aud, Scope: scopes}))
}

func (f *fixture) seedConnections() {
	conns := []idp.Connection{
		{Name: idp.DefaultConnection, EnabledClients: []string{webID, spaID, nrID}},
		{Name: "Staff", EnabledClients: []string{webID}},
		{Name: "Closed", EnabledClients: []string{}},
	}
	for _, c := range conns {
		c.ID, c.Strategy, c.Options.BruteForceProtection = idp.NewConnectionID(), "auth0", true
		err := f.store.CreateConnection(f.ctx, c)
		if idp.ErrorCode(err) == idp.EConflict { // the store may seed the default connection
			_, err = f.store.UpdateConnection(f.ctx, f.connID(c.Name), func(old *idp.Connection) error {
				old.EnabledClients, old.Options.BruteForceProtection = c.EnabledClients, true
				return nil
			})
		}
		must(f.t, err)
	}
}

func (f *fixture) connID(name string) string {
	c, err := f.store.GetConnectionByName(f.ctx, name)
	must(f.t, err)
	return c.ID
}

func (f *fixture) seedUsers() {
	hash, err := f.users.HashPassword(f.ctx, alicePass)
	must(f.t, err)
	updated := time.Date(2024, 5, 6, 7, 8, 9, 123e6, time.UTC)
	users := []idp.User{
		{ID: aliceID, Connection: idp.DefaultConnection, Email: "alice@example.com", EmailVerified: true,
			GivenName: "Alice", FamilyName: "Liddell", PasswordHash: hash},
		{ID: bobID, Connection: idp.DefaultConnection, Email: "bob@example.com", PasswordHash: hash, Blocked: true},
		{ID: "auth0|000000000000000000005aff", Connection: "Staff", Email: "staff@example.com", PasswordHash: hash},
	}
	for _, u := range users {
		u.CreatedAt, u.UpdatedAt = updated, updated
		must(f.t, f.store.CreateUser(f.ctx, u))
	}
	role := idp.Role{ID: idp.NewRoleID(), Name: "reader",
		Permissions: []idp.Permission{{ResourceServerIdentifier: rbacAud, PermissionName: "read:x"}}}
	must(f.t, f.store.CreateRole(f.ctx, role))
	must(f.t, f.store.AssignRoles(f.ctx, aliceID, []string{role.ID}))
}

// response is a decoded HTTP answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return m
}

func (r response) str(t testing.TB, key string) string {
	t.Helper()
	s, _ := r.json(t)[key].(string)
	return s
}

// do sends a request over TLS to the test server.
func (f *fixture) do(method, path, contentType, body string, hdr http.Header) response {
	f.t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	must(f.t, err)
	for k, v := range hdr {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := f.srv.Client().Do(req)
	must(f.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(f.t, err)
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

const formType = "application/x-www-form-urlencoded"

func (f *fixture) token(form url.Values) response {
	f.t.Helper()
	return f.do("POST", "/oauth/token", formType, form.Encode(), nil)
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// okToken requests a token and fails the test unless it is a 200.
func (f *fixture) okToken(form url.Values) map[string]any {
	f.t.Helper()
	r := f.token(form)
	if r.status != 200 {
		f.t.Fatalf("token: %d %s", r.status, r.body)
	}
	return r.json(f.t)
}

func passwordForm(clientID, secret, scope, aud string) url.Values {
	v := form("grant_type", "password", "client_id", clientID, "username", "alice@example.com",
		"password", alicePass, "scope", scope, "audience", aud)
	if secret != "" {
		v.Set("client_secret", secret)
	}
	return v
}

// verify checks a JWT against the published keys and returns its header
// and claims.
func (f *fixture) verify(raw string) (jose.Header, map[string]any) {
	f.t.Helper()
	tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256, jose.ES256})
	must(f.t, err)
	key, _, ok := f.keys.PublicKey(tok.Headers[0].KeyID)
	if !ok {
		f.t.Fatalf("unknown kid %q", tok.Headers[0].KeyID)
	}
	var claims map[string]any
	must(f.t, tok.Claims(key, &claims))
	return tok.Headers[0], claims
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		must(t, os.MkdirAll("testdata", 0o755))
		must(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	must(t, err)
	if string(want) != string(got) {
		t.Errorf("%s differs (run with -update to accept):\n got: %s\nwant: %s", name, got, want)
	}
}
