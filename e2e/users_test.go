package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var auth0UserID = regexp.MustCompile(`^auth0\|[0-9a-f]{24}$`)

func TestPasswordGrantClaims(t *testing.T) {
	g := need(t)
	email := g.signup(t)
	tr := g.token(t, g.passwordForm(email, testPassword, g.Tenant.API, "openid profile email read:messages offline_access"))
	if tr.TokenType != "Bearer" || tr.ExpiresIn != 86400 || tr.IDToken == "" || tr.RefreshToken == "" {
		t.Errorf("token_type %q expires_in %d id_token? %v refresh_token? %v; want Bearer, 86400, both tokens",
			tr.TokenType, tr.ExpiresIn, tr.IDToken != "", tr.RefreshToken != "")
	}
	for _, s := range []string{"openid", "email", "read:messages", "offline_access"} {
		if !slices.Contains(strings.Fields(tr.Scope), s) {
			t.Errorf("response scope %q lacks %s", tr.Scope, s)
		}
	}
	_, at := jwtParts(t, tr.AccessToken)
	checkClaims(t, at, map[string]any{
		"iss": g.Issuer, "aud": []string{g.Tenant.API, g.Issuer + "userinfo"},
		"azp": g.Tenant.Web.ID, "gty": "password",
	})
	checkLifetime(t, at, 86400)
	sub, _ := at["sub"].(string)
	if !auth0UserID.MatchString(sub) {
		t.Errorf("access token sub = %q, want auth0|<24 hex>", sub)
	}
	checkIDToken(t, g, tr.IDToken, sub, email)
	checkUserInfo(t, g, tr.AccessToken, sub, email)
}

func checkIDToken(t *testing.T, g *gatehouse, idToken, sub, email string) {
	t.Helper()
	header, claims := jwtParts(t, idToken)
	if header["alg"] != "RS256" || header["kid"] == nil {
		t.Errorf("ID token header = %v, want alg RS256 and a kid", header)
	}
	checkClaims(t, claims, map[string]any{
		"iss": g.Issuer, "aud": g.Tenant.Web.ID, "sub": sub, "email": email, "email_verified": false,
	})
	checkLifetime(t, claims, 36000)
}

func checkUserInfo(t *testing.T, g *gatehouse, accessToken, sub, email string) {
	t.Helper()
	r := g.get(t, "userinfo", accessToken)
	var info map[string]any
	r.json(t, &info)
	if r.Status != http.StatusOK || info["sub"] != sub || info["email"] != email {
		t.Errorf("GET /userinfo: want 200 with sub %s, email %s; got %s", sub, email, r)
	}
	if _, isString := info["updated_at"].(string); !isString {
		t.Errorf("userinfo updated_at = %#v, want an ISO-8601 string (contract §6)", info["updated_at"])
	}
	if r := g.get(t, "userinfo", accessToken+"x"); r.Status != http.StatusUnauthorized {
		t.Errorf("GET /userinfo with a tampered token: want 401, got %s", r)
	}
}

func TestPasswordRealmAndWrongPassword(t *testing.T) {
	g := need(t)
	email := g.signup(t)
	form := g.passwordForm(email, testPassword, g.Tenant.API, "read:messages")
	form.Set("grant_type", "http://auth0.com/oauth/grant-type/password-realm")
	form.Set("realm", g.Tenant.Connection)
	g.token(t, form)

	r := g.postForm(t, "oauth/token", g.passwordForm(email, "Wrong-Password-1", g.Tenant.API, ""))
	var e oauthError
	r.json(t, &e)
	if r.Status != http.StatusForbidden || e.Error != "invalid_grant" || e.Description != "Wrong email or password." {
		t.Errorf("wrong password: want 403 invalid_grant \"Wrong email or password.\", got %s", r)
	}
}

func TestSignupErrors(t *testing.T) {
	g := need(t)
	email := g.signup(t)
	body := map[string]string{"client_id": g.Tenant.Web.ID, "connection": g.Tenant.Connection,
		"email": email, "password": testPassword}
	checkSignupError(t, g.postJSON(t, "dbconnections/signup", body), "invalid_signup", "user_exists")
	body["email"], body["password"] = uniqueEmail(t.Name()), "short"
	checkSignupError(t, g.postJSON(t, "dbconnections/signup", body), "invalid_password")
}

// checkSignupError wants a 400 in error body family B (contract §1.4, §5.1).
func checkSignupError(t *testing.T, r response, codes ...string) {
	t.Helper()
	var e struct {
		Name       string `json:"name"`
		Code       string `json:"code"`
		StatusCode int    `json:"statusCode"`
	}
	r.json(t, &e)
	if r.Status != http.StatusBadRequest || !slices.Contains(codes, e.Code) || e.Name == "" || e.StatusCode != 400 {
		t.Errorf("signup: want 400 {name, code in %v, statusCode 400}, got %s", codes, r)
	}
}

func TestRBACWithoutRoles(t *testing.T) {
	g := need(t)
	email := g.signup(t)
	tr := g.token(t, g.passwordForm(email, testPassword, g.Tenant.ReportsAPI, "openid read:reports"))
	_, at := jwtParts(t, tr.AccessToken)
	perms, ok := at["permissions"].([]any)
	if !ok || len(perms) != 0 {
		t.Errorf("permissions = %#v, want [] for a user with no roles", at["permissions"])
	}
	if slices.Contains(strings.Fields(tr.Scope), "read:reports") || strings.Contains(fmt.Sprint(at["scope"]), "read:reports") {
		t.Errorf("RBAC granted read:reports without a role: response scope %q, token scope %q", tr.Scope, at["scope"])
	}
}

func TestRefreshRotationAndRevoke(t *testing.T) {
	g := need(t)
	email := g.signup(t)
	login := func() tokenResponse {
		return g.token(t, g.passwordForm(email, testPassword, g.Tenant.API, "openid offline_access read:messages"))
	}
	first := login()
	second := g.token(t, g.refreshForm(first.RefreshToken))
	if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken || second.IDToken == "" {
		t.Fatalf("rotating refresh: want a new refresh_token and an id_token, got %+v", second)
	}
	g.wantInvalidRefresh(t, first.RefreshToken, "reused rotated token")
	g.wantInvalidRefresh(t, second.RefreshToken, "token of a family revoked by reuse")

	third := login()
	r := g.postJSON(t, "oauth/revoke", map[string]string{
		"client_id": g.Tenant.Web.ID, "client_secret": g.Tenant.Web.Secret, "token": third.RefreshToken,
	})
	if r.Status != http.StatusOK || len(r.Body) != 0 {
		t.Errorf("POST /oauth/revoke: want 200 with an empty body, got %s", r)
	}
	g.wantInvalidRefresh(t, third.RefreshToken, "revoked token")
}

func (g *gatehouse) refreshForm(token string) url.Values {
	return url.Values{"grant_type": {"refresh_token"}, "client_id": {g.Tenant.Web.ID},
		"client_secret": {g.Tenant.Web.Secret}, "refresh_token": {token}}
}

func (g *gatehouse) wantInvalidRefresh(t *testing.T, token, what string) {
	t.Helper()
	r := g.postForm(t, "oauth/token", g.refreshForm(token))
	var e oauthError
	r.json(t, &e)
	if r.Status != http.StatusForbidden || e.Error != "invalid_grant" {
		t.Errorf("refresh with %s: want 403 invalid_grant, got %s", what, r)
	}
}

func TestChangePassword(t *testing.T) {
	g := need(t)
	const sent = "We've just sent you an email to reset your password."
	for _, email := range []string{g.signup(t), uniqueEmail("nobody")} {
		r := g.postJSON(t, "dbconnections/change_password", map[string]string{
			"client_id": g.Tenant.Web.ID, "connection": g.Tenant.Connection, "email": email,
		})
		if r.Status != http.StatusOK || string(r.Body) != sent {
			t.Errorf("change_password for %s: want 200 %q, got %s", email, sent, r)
		}
	}
}
