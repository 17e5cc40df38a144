package e2e

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// clientCtx carries the CA-trusting HTTP client to x/oauth2 and go-oidc,
// the way their docs say to pass a custom client.
func (g *gatehouse) clientCtx(t *testing.T) context.Context {
	return oidc.ClientContext(t.Context(), g.HTTP)
}

func (g *gatehouse) provider(t *testing.T) *oidc.Provider {
	t.Helper()
	p, err := oidc.NewProvider(g.clientCtx(t), g.Issuer)
	if err != nil {
		t.Fatalf("oidc.NewProvider(%q): %v", g.Issuer, err)
	}
	return p
}

func TestXOAuth2ClientCredentials(t *testing.T) {
	g := need(t)
	cfg := clientcredentials.Config{
		ClientID: g.Tenant.M2M.ID, ClientSecret: g.Tenant.M2M.Secret,
		TokenURL:       g.Issuer + "oauth/token",
		EndpointParams: url.Values{"audience": {g.Tenant.API}},
	}
	tok, err := cfg.Token(g.clientCtx(t))
	if err != nil {
		t.Fatalf("clientcredentials.Config.Token: %v", err)
	}
	if tok.Type() != "Bearer" || time.Until(tok.Expiry) < 86000*time.Second {
		t.Errorf("token type %q expiry in %v; want Bearer, about 24h", tok.Type(), time.Until(tok.Expiry))
	}
	// go-oidc's verifier checks signature (JWKS), iss, aud and exp of the access token.
	v := g.provider(t).Verifier(&oidc.Config{ClientID: g.Tenant.API})
	at, err := v.Verify(g.clientCtx(t), tok.AccessToken)
	if err != nil {
		t.Fatalf("go-oidc verify of the client-credentials access token: %v", err)
	}
	var claims map[string]any
	at.Claims(&claims)
	checkClaims(t, claims, map[string]any{
		"sub": g.Tenant.M2M.ID + "@clients", "gty": "client-credentials", "scope": "read:messages",
	})
	checkLifetime(t, claims, 86400)
}

func TestGoOIDCPasswordGrantIDToken(t *testing.T) {
	g := need(t)
	email := g.signup(t)
	p := g.provider(t)
	tr := g.token(t, g.passwordForm(email, testPassword, g.Tenant.API, "openid profile email offline_access"))
	verifier := p.Verifier(&oidc.Config{ClientID: g.Tenant.Web.ID})
	idt, err := verifier.Verify(g.clientCtx(t), tr.IDToken)
	if err != nil {
		t.Fatalf("go-oidc verify of the ID token: %v", err)
	}
	var c struct {
		Email    string `json:"email"`
		Verified *bool  `json:"email_verified"`
	}
	if err := idt.Claims(&c); err != nil || c.Email != email || c.Verified == nil {
		t.Errorf("ID token claims email %q email_verified %v (%v); want %s and a boolean", c.Email, c.Verified, err, email)
	}
	info, err := p.UserInfo(g.clientCtx(t), oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tr.AccessToken}))
	if err != nil || info.Subject != idt.Subject || info.Email != email {
		t.Errorf("go-oidc UserInfo: %+v, %v; want sub %s email %s", info, err, idt.Subject, email)
	}
}

// TestXOAuth2PasswordAndRefresh uses only x/oauth2's own calls. They send no
// audience, so the server answers as Auth0 does without a default audience
// (contract §3.4): an access token good for /userinfo, plus the ID token.
func TestXOAuth2PasswordAndRefresh(t *testing.T) {
	g := need(t)
	email := g.signup(t)
	p := g.provider(t)
	cfg := oauth2.Config{
		ClientID: g.Tenant.Web.ID, ClientSecret: g.Tenant.Web.Secret,
		Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", oidc.ScopeOfflineAccess},
	}
	tok, err := cfg.PasswordCredentialsToken(g.clientCtx(t), email, testPassword)
	if err != nil {
		t.Fatalf("oauth2.Config.PasswordCredentialsToken: %v", err)
	}
	verifyIDTokenExtra(t, g, p, tok)
	if _, err := p.UserInfo(g.clientCtx(t), oauth2.StaticTokenSource(tok)); err != nil {
		t.Errorf("go-oidc UserInfo with the no-audience access token: %v", err)
	}
	tok = g.signupAndLoginWithAudience(t, cfg)
	stale := &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Now().Add(-time.Hour)}
	fresh, err := cfg.TokenSource(g.clientCtx(t), stale).Token()
	if err != nil || fresh.RefreshToken == "" || fresh.RefreshToken == tok.RefreshToken {
		t.Fatalf("x/oauth2 refresh: %v; want a new rotated refresh token", err)
	}
	verifyIDTokenExtra(t, g, p, fresh)
}

// signupAndLoginWithAudience gets an offline token for the API; x/oauth2's
// password call cannot send an audience, so the grant goes through the form helper.
func (g *gatehouse) signupAndLoginWithAudience(t *testing.T, cfg oauth2.Config) *oauth2.Token {
	tr := g.token(t, g.passwordForm(g.signup(t), testPassword, g.Tenant.API, "openid offline_access"))
	if tr.RefreshToken == "" {
		t.Fatalf("password grant with offline_access for %s returned no refresh_token", g.Tenant.API)
	}
	return &oauth2.Token{AccessToken: tr.AccessToken, RefreshToken: tr.RefreshToken}
}

func verifyIDTokenExtra(t *testing.T, g *gatehouse, p *oidc.Provider, tok *oauth2.Token) {
	t.Helper()
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		t.Fatalf("token response has no id_token")
	}
	if _, err := p.Verifier(&oidc.Config{ClientID: g.Tenant.Web.ID}).Verify(g.clientCtx(t), raw); err != nil {
		t.Errorf("go-oidc verify of the ID token: %v", err)
	}
}
