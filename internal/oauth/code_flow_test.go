package oauth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// codeFor runs /authorize for the SPA with PKCE through a login in
// session sid and returns the code from the callback.
func (f *fixture) codeFor(sid string, kv ...string) (code, cookie string) {
	f.t.Helper()
	cookie = f.newSession(sid, aliceID, 0)
	base := []string{"client_id", bspaID, "redirect_uri", spaCB, "response_type", "code", "state", "st",
		"nonce", "n-0S6_WzA2Mj", "code_challenge", challenge, "code_challenge_method", "S256"}
	r := f.signInAt(f.authorize("", append(base, kv...)...), cookie, sid, aliceID)
	v := f.callback(r, spaCB+"?", false)
	if v.Get("state") != "st" || v.Get("code") == "" {
		f.t.Fatalf("callback %v", v)
	}
	return v.Get("code"), cookie
}

func codeForm(clientID, code string, kv ...string) url.Values {
	return form(append([]string{"grant_type", "authorization_code", "client_id", clientID,
		"code", code, "redirect_uri", spaCB, "code_verifier", verifier}, kv...)...)
}

// TestCodeFlowIndependentClients: x/oauth2 exchanges the code with PKCE and
// go-oidc verifies the ID token and its nonce, as openid-client would.
func TestCodeFlowIndependentClients(t *testing.T) {
	f := newBrowserFixture(t)
	ctx := oidc.ClientContext(context.Background(), f.srv.Client())
	provider, err := oidc.NewProvider(ctx, f.issuer)
	must(t, err)
	cfg := oauth2.Config{ClientID: bspaID, Endpoint: provider.Endpoint(), RedirectURL: spaCB,
		Scopes: []string{oidc.ScopeOpenID, "profile", "email", "offline_access", "read:a"}}
	v := oauth2.GenerateVerifier()
	auth, err := url.Parse(cfg.AuthCodeURL("st-1", oauth2.S256ChallengeOption(v), oidc.Nonce("nonce-1"),
		oauth2.SetAuthURLParam("audience", apiAud)))
	must(t, err)
	cookie := f.newSession(sessionID, aliceID, time.Minute)
	r := f.signInAt(f.browse("GET", auth.RequestURI(), "", nil), cookie, sessionID, aliceID)
	cb := f.callback(r, spaCB+"?", false)
	tok, err := cfg.Exchange(ctx, cb.Get("code"), oauth2.VerifierOption(v))
	must(t, err)
	raw, _ := tok.Extra("id_token").(string)
	idt, err := provider.Verifier(&oidc.Config{ClientID: bspaID}).Verify(ctx, raw)
	must(t, err)
	if idt.Nonce != "nonce-1" || idt.Subject != aliceID || tok.RefreshToken == "" {
		t.Errorf("nonce %q sub %q refresh %q", idt.Nonce, idt.Subject, tok.RefreshToken)
	}
	_, at := f.verify(tok.AccessToken)
	if at["exp"].(float64)-at["iat"].(float64) != 86400 || at["scope"] != "openid profile email offline_access read:a" {
		t.Errorf("code-flow access token: token_lifetime and scopes expected, got %v", at)
	}
	// The refresh family came from the code: gty stays absent, sid and
	// the session's sign-in time (auth_time) stay.
	signedIn := f.clock.Now().Add(-time.Minute).Unix()
	f.clock.Add(time.Minute)
	_, rc := f.verify(f.okToken(form("grant_type", "refresh_token", "client_id", bspaID,
		"refresh_token", tok.RefreshToken))["id_token"].(string))
	if rc["sid"] != sessionID || rc["auth_time"] != float64(signedIn) {
		t.Errorf("refreshed ID token %v, want auth_time %d", rc, signedIn)
	}
}

// TestCodeFlowGolden pins the ID-token claims of the code flow.
func TestCodeFlowGolden(t *testing.T) {
	f := newBrowserFixture(t)
	code, _ := f.codeFor(sessionID, "scope", "openid profile email", "audience", apiAud, "max_age", "600")
	body := f.okToken(codeForm(bspaID, code))
	if body["refresh_token"] != nil {
		t.Errorf("no offline_access, yet a refresh token: %v", body)
	}
	raw := body["id_token"].(string)
	_, claims := f.verify(raw)
	if claims["auth_time"].(float64) != float64(f.clock.Now().Unix()) {
		t.Errorf("auth_time %v", claims["auth_time"])
	}
	claims["auth_time"] = "<auth_time>"
	f.goldenClaims("code_id.golden", headerMap(t, raw), claims)
}

// TestCodeExchangeErrors: each refusal of §3.3 and RFC 7636.
func TestCodeExchangeErrors(t *testing.T) {
	const invalidCode = `{"error":"invalid_grant","error_description":"Invalid authorization code"}`
	const badVerifier = `{"error":"invalid_grant","error_description":"Failed to verify code verifier"}`
	f := newBrowserFixture(t)
	tests := []struct {
		name   string
		form   func(code string) url.Values
		status int
		want   string
	}{
		{"wrong verifier", func(c string) url.Values {
			return codeForm(bspaID, c, "code_verifier", strings.Repeat("a", 43))
		}, 403, badVerifier},
		{"missing verifier", func(c string) url.Values { return codeForm(bspaID, c, "code_verifier", "") }, 403, badVerifier},
		{"verifier too short", func(c string) url.Values { return codeForm(bspaID, c, "code_verifier", verifier[:42]) }, 403, badVerifier},
		{"other redirect_uri", func(c string) url.Values { return codeForm(bspaID, c, "redirect_uri", spaCB+"/x") }, 403,
			`{"error":"invalid_grant","error_description":"The redirect_uri does not match the one of the authorization request."}`},
		{"missing redirect_uri", func(c string) url.Values { return codeForm(bspaID, c, "redirect_uri", "") }, 403,
			`{"error":"invalid_grant","error_description":"The redirect_uri does not match the one of the authorization request."}`},
		{"another client", func(c string) url.Values { return codeForm(bimplID, c) }, 403,
			`{"error":"unauthorized_client","error_description":"Grant type 'authorization_code' not allowed for the client."}`},
		{"another code client", func(c string) url.Values { return codeForm(b3pID, c) }, 403, invalidCode},
		{"unknown code", func(string) url.Values { return codeForm(bspaID, "nope") }, 403, invalidCode},
		{"missing code", func(string) url.Values { return codeForm(bspaID, "") }, 400,
			`{"error":"invalid_request","error_description":"Missing required parameter: code"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _ := f.codeFor(idp.RandomString(32))
			checkError(t, f.token(tt.form(code)), tt.status, tt.want)
		})
	}
	t.Run("expired", func(t *testing.T) {
		code, _ := f.codeFor(idp.RandomString(32))
		f.clock.Add(codeLife)
		checkError(t, f.token(codeForm(bspaID, code)), 403, invalidCode)
	})
}

// TestCodeReplayRevokesRefreshTokens: a second exchange fails and revokes
// the refresh tokens of the first (RFC 6749 §4.1.2).
func TestCodeReplayRevokesRefreshTokens(t *testing.T) {
	f := newBrowserFixture(t)
	code, _ := f.codeFor(sessionID, "scope", "openid offline_access", "audience", apiAud)
	first := f.okToken(codeForm(bspaID, code))
	rt, _ := first["refresh_token"].(string)
	stored, err := f.store.GetRefreshToken(f.ctx, idp.TokenHash(rt))
	must(t, err)
	if stored.Grant != idp.GrantAuthorizationCode || stored.SessionID != sessionID || !strings.HasPrefix(stored.FamilyID, "code:") {
		t.Errorf("stored refresh token %+v", stored)
	}
	checkError(t, f.token(codeForm(bspaID, code)), 403,
		`{"error":"invalid_grant","error_description":"Invalid authorization code"}`)
	checkError(t, f.refresh(bspaID, "", rt), 403, invalidRefresh)
}

// TestCodeConfidentialClient: a regular web app authenticates with its
// secret and may skip PKCE, but may not send a verifier it never bound.
func TestCodeConfidentialClient(t *testing.T) {
	f := newBrowserFixture(t)
	cookie := f.newSession(sessionID, aliceID, 0)
	get := func() string {
		r := f.authorize(cookie, "client_id", bwebID, "redirect_uri", webCBQ, "response_type", "code")
		return f.callback(r, webCBQ+"&code=", false).Get("code")
	}
	exchange := func(code string, kv ...string) response {
		return f.token(form(append([]string{"grant_type", "authorization_code", "client_id", bwebID,
			"code", code, "redirect_uri", webCBQ}, kv...)...))
	}
	checkError(t, exchange(get()), 401, `{"error":"access_denied","error_description":"Unauthorized"}`)
	checkError(t, exchange(get(), "client_secret", bwebSec, "code_verifier", verifier), 403,
		`{"error":"invalid_grant","error_description":"Failed to verify code verifier"}`)
	if r := exchange(get(), "client_secret", bwebSec); r.status != 200 || r.str(t, "id_token") != "" {
		t.Errorf("no openid asked, so no ID token: %d %s", r.status, r.body)
	}
}

// TestHybridHashes: c_hash and at_hash are the left halves of the SHA-256
// of the code and access token; tokens from /authorize use the API's
// token_lifetime_for_web.
func TestHybridHashes(t *testing.T) {
	f := newBrowserFixture(t)
	cookie := f.newSession(sessionID, aliceID, 0)
	r := f.authorize(cookie, "client_id", bspaID, "redirect_uri", spaCB, "response_type", "code id_token token",
		"nonce", "hy", "state", "s", "scope", "openid read:a", "audience", apiAud,
		"code_challenge", challenge, "code_challenge_method", "S256")
	v := f.callback(r, spaCB+"#", true)
	_, id := f.verify(v.Get("id_token"))
	half := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return base64.RawURLEncoding.EncodeToString(sum[:16])
	}
	if id["c_hash"] != half(v.Get("code")) || id["at_hash"] != half(v.Get("access_token")) || id["nonce"] != "hy" {
		t.Errorf("id token %v", id)
	}
	if v.Get("expires_in") != "7200" || v.Get("token_type") != "Bearer" || v.Get("scope") != "openid read:a" {
		t.Errorf("fragment %v", v)
	}
	ctx := oidc.ClientContext(context.Background(), f.srv.Client())
	provider, err := oidc.NewProvider(ctx, f.issuer)
	must(t, err)
	idt, err := provider.Verifier(&oidc.Config{ClientID: bspaID}).Verify(ctx, v.Get("id_token"))
	must(t, err)
	must(t, idt.VerifyAccessToken(v.Get("access_token")))
}

// TestCodeConcurrentExchange: of simultaneous exchanges of one code,
// exactly one succeeds.
func TestCodeConcurrentExchange(t *testing.T) {
	f := newBrowserFixture(t)
	code, _ := f.codeFor(sessionID)
	statuses := make(chan int, 8)
	for range cap(statuses) {
		go func() {
			req, _ := http.NewRequest("POST", f.srv.URL+"/oauth/token", strings.NewReader(codeForm(bspaID, code).Encode()))
			req.Header.Set("Content-Type", formType)
			resp, err := f.srv.Client().Do(req)
			if err != nil {
				statuses <- 0
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	ok := 0
	for range cap(statuses) {
		if s := <-statuses; s == 200 {
			ok++
		} else if s != 403 {
			t.Errorf("status %d", s)
		}
	}
	if ok != 1 {
		t.Errorf("%d exchanges succeeded", ok)
	}
}
