package e2e

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// These tests speak the wire protocol directly, so that a failing client
// script can be told apart from a server that answers wrongly.

func TestDiscoveryAndJWKS(t *testing.T) {
	g := need(t)
	r := g.get(t, ".well-known/openid-configuration", "")
	var doc struct {
		Issuer    string   `json:"issuer"`
		JWKSURI   string   `json:"jwks_uri"`
		Token     string   `json:"token_endpoint"`
		UserInfo  string   `json:"userinfo_endpoint"`
		Revoke    string   `json:"revocation_endpoint"`
		IDTokAlgs []string `json:"id_token_signing_alg_values_supported"`
	}
	r.json(t, &doc)
	want := map[string][2]string{
		"issuer": {doc.Issuer, g.Issuer}, "jwks_uri": {doc.JWKSURI, g.Issuer + ".well-known/jwks.json"},
		"token_endpoint": {doc.Token, g.Issuer + "oauth/token"}, "userinfo_endpoint": {doc.UserInfo, g.Issuer + "userinfo"},
		"revocation_endpoint": {doc.Revoke, g.Issuer + "oauth/revoke"},
	}
	for k, v := range want {
		if v[0] != v[1] {
			t.Errorf("discovery %s = %q, want %q", k, v[0], v[1])
		}
	}
	if !slices.Contains(doc.IDTokAlgs, "RS256") {
		t.Errorf("id_token_signing_alg_values_supported = %v, want RS256 in it", doc.IDTokAlgs)
	}
	checkJWKS(t, g.get(t, ".well-known/jwks.json", ""))
}

func checkJWKS(t *testing.T, r response) {
	var set struct {
		Keys []map[string]any `json:"keys"`
	}
	r.json(t, &set)
	if r.Status != http.StatusOK || len(set.Keys) == 0 {
		t.Fatalf("GET /.well-known/jwks.json: want 200 with keys, got %s", r)
	}
	// RS256 keys sign by default; ES256 keys may sit beside them for APIs
	// configured with signing_alg ES256.
	kty := map[any]string{"RS256": "RSA", "ES256": "EC"}
	rsa := false
	for _, k := range set.Keys {
		if kty[k["alg"]] == "" || k["kty"] != kty[k["alg"]] || k["kid"] == nil || k["use"] != "sig" {
			t.Errorf("JWKS key %v: want alg RS256 (kty RSA) or ES256 (kty EC), use sig and a kid", k)
		}
		rsa = rsa || k["alg"] == "RS256"
		for _, private := range []string{"d", "p", "q", "dp", "dq", "qi"} {
			if _, ok := k[private]; ok {
				t.Errorf("JWKS key %v publishes private member %q", k["kid"], private)
			}
		}
	}
	if !rsa {
		t.Errorf("JWKS has no RS256 key: %s", r)
	}
}

func TestClientCredentialsClaims(t *testing.T) {
	g := need(t)
	// JSON body, as seed 001's requests.post(json=payload) sends it.
	r := g.postJSON(t, "oauth/token", map[string]string{
		"client_id": g.Tenant.M2M.ID, "client_secret": g.Tenant.M2M.Secret,
		"audience": g.Tenant.API, "grant_type": "client_credentials",
	})
	if r.Status != http.StatusOK {
		t.Fatalf("client_credentials: want 200, got %s", r)
	}
	if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("token response Cache-Control = %q, want no-store", cc)
	}
	var tr tokenResponse
	r.json(t, &tr)
	if tr.TokenType != "Bearer" || tr.ExpiresIn != 86400 || tr.RefreshToken != "" || tr.IDToken != "" {
		t.Errorf("token response = %s; want Bearer, expires_in 86400, no refresh or ID token", r)
	}
	header, claims := jwtParts(t, tr.AccessToken)
	if header["alg"] != "RS256" || header["typ"] != "JWT" || header["kid"] == nil {
		t.Errorf("access token header = %v, want alg RS256, typ JWT, a kid", header)
	}
	checkClaims(t, claims, map[string]any{
		"iss": g.Issuer, "aud": g.Tenant.API, "sub": g.Tenant.M2M.ID + "@clients",
		"azp": g.Tenant.M2M.ID, "gty": "client-credentials", "scope": "read:messages",
	})
	checkLifetime(t, claims, 86400)
}

// checkClaims compares claims by their JSON value (aud may be a string or a list).
func checkClaims(t *testing.T, claims map[string]any, want map[string]any) {
	t.Helper()
	for k, v := range want {
		if !jsonEqual(claims[k], v) {
			t.Errorf("claim %s = %#v, want %#v", k, claims[k], v)
		}
	}
}

func checkLifetime(t *testing.T, claims map[string]any, seconds float64) {
	t.Helper()
	iat, ok1 := claims["iat"].(float64)
	exp, ok2 := claims["exp"].(float64)
	if !ok1 || !ok2 || exp-iat != seconds {
		t.Errorf("exp-iat = %v-%v, want %v", claims["exp"], claims["iat"], seconds)
	}
}

func TestTokenErrors(t *testing.T) {
	g := need(t)
	m2m := func(secret, audience, grant string) url.Values {
		return url.Values{"grant_type": {grant}, "client_id": {g.Tenant.M2M.ID},
			"client_secret": {secret}, "audience": {audience}}
	}
	cases := []struct {
		name   string
		form   url.Values
		status int
		codes  []string
	}{
		{"wrong secret", m2m("not-the-secret", g.Tenant.API, "client_credentials"), 401, []string{"access_denied", "invalid_client"}},
		{"unknown audience", m2m(g.Tenant.M2M.Secret, "https://nope.e2e.test", "client_credentials"), 403, []string{"access_denied"}},
		{"no client grant", m2m(g.Tenant.M2M.Secret, g.Tenant.ReportsAPI, "client_credentials"), 403, []string{"access_denied"}},
		{"grant not allowed", withUser(m2m(g.Tenant.M2M.Secret, g.Tenant.API, "password")), 403, []string{"unauthorized_client"}},
		{"unsupported grant", m2m(g.Tenant.M2M.Secret, g.Tenant.API, "urn:example:nope"), 400, []string{"unsupported_grant_type"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := g.postForm(t, "oauth/token", c.form)
			var e oauthError
			r.json(t, &e)
			if r.Status != c.status || !slices.Contains(c.codes, e.Error) {
				t.Errorf("want %d %v, got %s", c.status, c.codes, r)
			}
		})
	}
}

// oauthError is error body family A (contract §1.4).
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

func withUser(form url.Values) url.Values {
	form.Set("username", "nobody@e2e.example")
	form.Set("password", testPassword)
	return form
}
