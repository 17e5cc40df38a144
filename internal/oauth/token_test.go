package oauth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func newRequest() *http.Request { return httptest.NewRequest("POST", "/oauth/token", nil) }

// goldenClaims normalises a claim set (issuer, times, random ids) and
// compares it with testdata/name.
func (f *fixture) goldenClaims(name string, hdr map[string]any, claims map[string]any) {
	f.t.Helper()
	if iat, ok := claims["iat"].(float64); ok {
		claims["iat"] = "<iat>"
		if exp, ok := claims["exp"].(float64); ok {
			claims["exp"] = fmt.Sprintf("<iat>+%d", int64(exp-iat))
		}
	}
	if _, ok := claims["jti"]; ok {
		claims["jti"] = "<jti>"
	}
	if u, ok := claims["updated_at"].(string); ok {
		if _, err := time.Parse(isoTime, u); err != nil {
			f.t.Errorf("updated_at %q is not ISO 8601 with milliseconds", u)
		}
		claims["updated_at"] = "<updated_at>"
	}
	hdr["kid"] = "<kid>"
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	must(f.t, enc.Encode(map[string]any{"header": hdr, "claims": claims}))
	golden(f.t, name, []byte(strings.ReplaceAll(b.String(), f.issuer, "https://gatehouse.test/")))
}

func headerMap(t testing.TB, raw string) map[string]any {
	t.Helper()
	seg, _, _ := strings.Cut(raw, ".")
	b, err := base64.RawURLEncoding.DecodeString(seg)
	must(t, err)
	var m map[string]any
	must(t, json.Unmarshal(b, &m))
	return m
}

func TestClientCredentialsGolden(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ name, aud, scope string }{
		{"cc_auth0.golden", apiAud, ""},
		{"cc_narrowed.golden", apiAud, "read:a other"},
		{"cc_rfc9068_es256.golden", esAud, ""},
	}
	for _, tt := range tests {
		body := f.okToken(form("grant_type", "client_credentials", "client_id", m2mID,
			"client_secret", m2mSecret, "audience", tt.aud, "scope", tt.scope))
		at := body["access_token"].(string)
		_, claims := f.verify(at)
		f.goldenClaims(tt.name, headerMap(t, at), claims)
		if body["token_type"] != "Bearer" || body["expires_in"] == nil || body["refresh_token"] != nil {
			t.Errorf("%s: body %v", tt.name, body)
		}
	}
}

func TestTokenResponseHeaders(t *testing.T) {
	f := newFixture(t)
	r := f.token(form("grant_type", "client_credentials", "client_id", m2mID,
		"client_secret", m2mSecret, "audience", apiAud))
	if r.status != 200 || r.header.Get("Cache-Control") != "no-store" || r.header.Get("Pragma") != "no-cache" ||
		r.header.Get("Content-Type") != "application/json" {
		t.Errorf("%d %v", r.status, r.header)
	}
	if got := r.json(t); got["scope"] != "read:a write:a" || got["expires_in"] != 86400.0 {
		t.Errorf("body %v", got)
	}
}

func TestDefaultAudience(t *testing.T) {
	f := newFixture(t)
	_, err := f.store.UpdateTenant(f.ctx, func(t *idp.Tenant) error { t.DefaultAudience = apiAud; return nil })
	must(t, err)
	body := f.okToken(form("grant_type", "client_credentials", "client_id", m2mID, "client_secret", m2mSecret))
	if _, c := f.verify(body["access_token"].(string)); c["aud"] != apiAud {
		t.Errorf("aud %v", c["aud"])
	}
}

// TestClientSecretBasic: Basic credentials are form-urlencoded (RFC 6749
// §2.3.1), here with every awkward character.
func TestClientSecretBasic(t *testing.T) {
	f := newFixture(t)
	body := form("grant_type", "client_credentials", "audience", apiAud).Encode()
	basic := func(id, secret string) http.Header {
		v := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id) + ":" + url.QueryEscape(secret)))
		return http.Header{"Authorization": {"Basic " + v}}
	}
	if r := f.do("POST", "/oauth/token", formType, body, basic(basicID, basicSecre)); r.status != 200 {
		t.Fatalf("encoded: %d %s", r.status, r.body)
	}
	r := f.do("POST", "/oauth/token", formType, body, basic(basicID, basicSecre+"x"))
	checkError(t, r, 401, `{"error":"access_denied","error_description":"Unauthorized"}`)
	// A client_id in the body must agree with the header.
	body2 := form("grant_type", "client_credentials", "audience", apiAud, "client_id", m2mID).Encode()
	if r := f.do("POST", "/oauth/token", formType, body2, basic(basicID, basicSecre)); r.status != 400 {
		t.Errorf("mismatch: %d %s", r.status, r.body)
	}
}

// TestXOAuth2ClientCredentials: golang.org/x/oauth2 as an independent judge.
func TestXOAuth2ClientCredentials(t *testing.T) {
	f := newFixture(t)
	ctx := context.WithValue(f.ctx, oauth2.HTTPClient, f.srv.Client())
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
		cfg := clientcredentials.Config{ClientID: basicID, ClientSecret: basicSecre, AuthStyle: style,
			TokenURL: f.srv.URL + "/oauth/token", EndpointParams: url.Values{"audience": {apiAud}}}
		tok, err := cfg.Token(ctx)
		if err != nil {
			t.Fatalf("style %d: %v", style, err)
		}
		if _, c := f.verify(tok.AccessToken); c["sub"] != basicID+"@clients" || tok.TokenType != "Bearer" {
			t.Errorf("claims %v, type %s", c, tok.TokenType)
		}
	}
}

func TestPasswordGolden(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ name, grant, scope, aud string }{
		{"password_openid_api", "password", "openid profile email read:a unknown", apiAud},
		{"password_no_scope", "password", "", apiAud},
		{"password_userinfo_only", "password", "openid", ""},
		{"password_rbac", "password", "openid read:x write:x", rbacAud},
		{"realm_es256", idp.GrantPasswordRealm, "openid email", esAud},
	}
	for _, tt := range tests {
		v := passwordForm(webID, webSecret, tt.scope, tt.aud)
		v.Set("grant_type", tt.grant)
		v.Set("realm", idp.DefaultConnection)
		body := f.okToken(v)
		at := body["access_token"].(string)
		_, claims := f.verify(at)
		f.goldenClaims(tt.name+".golden", headerMap(t, at), claims)
		if idt, ok := body["id_token"].(string); ok {
			_, c := f.verify(idt)
			f.goldenClaims(tt.name+"_id.golden", headerMap(t, idt), c)
		}
		if body["scope"] != claims["scope"] {
			t.Errorf("%s: response scope %v, claim %v", tt.name, body["scope"], claims["scope"])
		}
	}
}

// TestGoOIDCVerifiesIDToken: go-oidc discovers the issuer and verifies an
// ID token from a password grant, then calls /userinfo.
func TestGoOIDCVerifiesIDToken(t *testing.T) {
	f := newFixture(t)
	ctx := oidc.ClientContext(f.ctx, f.srv.Client())
	provider, err := oidc.NewProvider(ctx, f.issuer)
	must(t, err)
	body := f.okToken(passwordForm(webID, webSecret, "openid profile email", apiAud))
	idt, err := provider.Verifier(&oidc.Config{ClientID: webID}).Verify(ctx, body["id_token"].(string))
	must(t, err)
	var claims struct {
		Email    string `json:"email"`
		Verified bool   `json:"email_verified"`
	}
	must(t, idt.Claims(&claims))
	if idt.Subject != aliceID || claims.Email != "alice@example.com" || !claims.Verified {
		t.Errorf("id token %s %+v", idt.Subject, claims)
	}
	ui, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: body["access_token"].(string)}))
	must(t, err)
	if ui.Subject != aliceID || ui.Email != "alice@example.com" {
		t.Errorf("userinfo %+v", ui)
	}
}

func TestPasswordJSONBodyAndPublicClient(t *testing.T) {
	f := newFixture(t)
	b, _ := json.Marshal(map[string]string{"grant_type": "password", "client_id": spaID,
		"username": "alice@example.com", "password": alicePass, "scope": "openid offline_access",
		"extra": "ignored"})
	r := f.do("POST", "/oauth/token", "application/json", string(b), nil)
	body := r.json(t)
	if r.status != 200 || body["refresh_token"] == nil || body["id_token"] == nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if body["scope"] != "openid offline_access" {
		t.Errorf("scope %v", body["scope"])
	}
}

// TestOfflineAccessNeedsAPI: no refresh token when the API does not allow
// offline access; offline_access is then not granted.
func TestOfflineAccessNeedsAPI(t *testing.T) {
	f := newFixture(t)
	body := f.okToken(passwordForm(webID, webSecret, "openid offline_access read:x", rbacAud))
	if body["refresh_token"] != nil || slices.Contains(strings.Fields(body["scope"].(string)), "offline_access") {
		t.Errorf("body %v", body)
	}
}
