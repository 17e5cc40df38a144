package oauth

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// TestTokenErrorCatalogue checks every row of contract §3.6 that applies,
// with the exact status and body.
func TestTokenErrorCatalogue(t *testing.T) {
	f := newFixture(t)
	cc := func(kv ...string) string {
		return form(append([]string{"grant_type", "client_credentials", "client_id", m2mID,
			"client_secret", m2mSecret, "audience", apiAud}, kv...)...).Encode()
	}
	pw := func(kv ...string) string {
		v := passwordForm(webID, webSecret, "openid", "")
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	tests := []struct {
		name, ctype, body string
		status            int
		want              string
	}{
		{"wrong secret", formType, cc("client_secret", "nope"), 401,
			`{"error":"access_denied","error_description":"Unauthorized"}`},
		{"no secret for a confidential client", formType, cc("client_secret", ""), 401,
			`{"error":"access_denied","error_description":"Unauthorized"}`},
		{"unknown client", formType, cc("client_id", "nobody"), 401,
			`{"error":"access_denied","error_description":"Unauthorized"}`},
		{"missing client_id", formType, cc("client_id", ""), 400,
			`{"error":"invalid_request","error_description":"Missing required parameter: client_id"}`},
		{"grant not allowed", formType, pw("client_id", m2mID, "client_secret", m2mSecret), 403,
			`{"error":"unauthorized_client","error_description":"Grant type 'password' not allowed for the client."}`},
		{"realm grant not allowed", formType, pw("client_id", m2mID, "client_secret", m2mSecret,
			"grant_type", idp.GrantPasswordRealm, "realm", "Staff"), 403,
			`{"error":"unauthorized_client","error_description":"Grant type 'http://auth0.com/oauth/grant-type/password-realm' not allowed for the client."}`},
		{"public client may not use client_credentials", formType,
			form("grant_type", "client_credentials", "client_id", spaID, "audience", apiAud).Encode(), 403,
			`{"error":"unauthorized_client","error_description":"Grant type 'client_credentials' not allowed for the client."}`},
		{"unregistered audience", formType, cc("audience", "https://nope.example.com/"), 403,
			`{"error":"access_denied","error_description":"Service not enabled within domain: https://nope.example.com/"}`},
		{"unregistered audience, password", formType, pw("audience", "https://nope.example.com/"), 403,
			`{"error":"access_denied","error_description":"Service not enabled within domain: https://nope.example.com/"}`},
		{"no client grant", formType, cc("audience", rbacAud), 403,
			`{"error":"access_denied","error_description":"Client \"` + m2mID + `\" is not authorized to access resource server \"https://rbac.example.com/\". You need to create a \"client-grant\"."}`},
		{"no audience and no default", formType, cc("audience", ""), 403,
			`{"error":"access_denied","error_description":"No audience parameter was provided, and no default audience has been configured"}`},
		{"wrong password", formType, pw("password", "wrong"), 403,
			`{"error":"invalid_grant","error_description":"Wrong email or password."}`},
		{"unknown user", formType, pw("username", "nobody@example.com"), 403,
			`{"error":"invalid_grant","error_description":"Wrong email or password."}`},
		{"blocked user", formType, pw("username", "bob@example.com"), 401,
			`{"error":"unauthorized","error_description":"user is blocked"}`},
		{"missing username", formType, pw("username", ""), 400,
			`{"error":"invalid_request","error_description":"Missing required parameter: username"}`},
		{"missing realm", formType, pw("grant_type", idp.GrantPasswordRealm), 400,
			`{"error":"invalid_request","error_description":"Missing required parameter: realm"}`},
		{"unknown realm", formType, pw("grant_type", idp.GrantPasswordRealm, "realm", "Nope"), 400,
			`{"error":"invalid_request","error_description":"the connection was not found"}`},
		{"connection disabled for the client", formType, pw("grant_type", idp.GrantPasswordRealm, "realm", "Closed"), 400,
			`{"error":"invalid_request","error_description":"the connection was disabled"}`},
		{"unknown refresh token", formType, form("grant_type", "refresh_token", "client_id", webID,
			"client_secret", webSecret, "refresh_token", "nope").Encode(), 403,
			`{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}`},
		{"missing refresh token", formType, form("grant_type", "refresh_token", "client_id", webID,
			"client_secret", webSecret).Encode(), 400,
			`{"error":"invalid_request","error_description":"Missing required parameter: refresh_token"}`},
		{"malformed JSON", "application/json", `{"grant_type":`, 400,
			`{"error":"invalid_request","error_description":"The request body is malformed."}`},
		{"JSON with a non-string field", "application/json", `{"grant_type":"client_credentials","scope":["a"]}`, 400,
			`{"error":"invalid_request","error_description":"The request body is malformed."}`},
		{"malformed form", formType, "grant_type=%zz", 400,
			`{"error":"invalid_request","error_description":"The request body is malformed."}`},
		{"wrong content type", "text/plain", cc(), 400,
			`{"error":"invalid_request","error_description":"Content-Type must be application/json or application/x-www-form-urlencoded."}`},
		{"no content type", "", cc(), 400,
			`{"error":"invalid_request","error_description":"Content-Type must be application/json or application/x-www-form-urlencoded."}`},
		{"oversized body", formType, cc("padding", strings.Repeat("x", 70<<10)), 413,
			`{"error":"invalid_request","error_description":"Request body too large."}`},
		{"unsupported grant", formType, cc("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), 400,
			`{"error":"unsupported_grant_type","error_description":"Unsupported grant type: urn:ietf:params:oauth:grant-type:device_code"}`},
		{"authorization_code for a machine-to-machine client", formType, cc("grant_type", "authorization_code"), 403,
			`{"error":"unauthorized_client","error_description":"Grant type 'authorization_code' not allowed for the client."}`},
		{"missing grant type", formType, cc("grant_type", ""), 400,
			`{"error":"invalid_request","error_description":"Missing required parameter: grant_type"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do("POST", "/oauth/token", tt.ctype, tt.body, nil)
			checkError(t, r, tt.status, tt.want)
		})
	}
}

func checkError(t *testing.T, r response, status int, want string) {
	t.Helper()
	if r.status != status || string(r.body) != want {
		t.Errorf("got %d %s\nwant %d %s", r.status, r.body, status, want)
	}
	if cc := r.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q", cc)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestTokenTooManyAttempts(t *testing.T) {
	f := newFixture(t)
	_, err := f.store.UpdateTenant(f.ctx, func(t *idp.Tenant) error { t.BruteForce.MaxAttempts = 3; return nil })
	must(t, err)
	wrong := passwordForm(spaID, "", "openid", "")
	wrong.Set("password", "wrong")
	for range 3 {
		if r := f.token(wrong); r.status != 403 {
			t.Fatalf("failure: %d %s", r.status, r.body)
		}
	}
	// Blocked now, even with the right password.
	r := f.token(passwordForm(spaID, "", "openid", ""))
	checkError(t, r, 429, `{"error":"too_many_attempts","error_description":"Your account has been blocked after multiple consecutive login attempts. We've sent you a notification via your preferred contact method with instructions on how to unblock it."}`)
}

// TestTokenSuspiciousIP: failed logins from one IP against any accounts
// empty its bucket; then the IP gets Auth0's suspicious-IP answer.
func TestTokenSuspiciousIP(t *testing.T) {
	f := newFixture(t)
	_, err := f.store.UpdateTenant(f.ctx, func(t *idp.Tenant) error {
		t.IPThrottle.PreLogin = idp.ThrottleRate{MaxAttempts: 2, Every: time.Hour}
		return nil
	})
	must(t, err)
	for _, user := range []string{"nobody@example.com", "someone@example.com"} {
		wrong := passwordForm(spaID, "", "openid", "")
		wrong.Set("username", user)
		if r := f.token(wrong); r.status != 403 {
			t.Fatalf("failure: %d %s", r.status, r.body)
		}
	}
	r := f.token(passwordForm(spaID, "", "openid", ""))
	checkError(t, r, 429, `{"error":"too_many_attempts","error_description":"We have detected suspicious login behavior and further attempts will be blocked. Please contact the administrator."}`)
}

// TestForwardedFor: the auth0-forwarded-for header counts only from a
// trusted confidential client (contract §1.3).
func TestForwardedFor(t *testing.T) {
	f := newFixture(t)
	wrong := func(clientID, secret string) {
		v := passwordForm(clientID, secret, "openid", "")
		v.Set("password", "wrong")
		hdr := http.Header{"Auth0-Forwarded-For": {"203.0.113.9"}}
		if r := f.do("POST", "/oauth/token", formType, v.Encode(), hdr); r.status != 403 {
			t.Fatalf("%d %s", r.status, r.body)
		}
	}
	wrong(webID, webSecret) // trusted: counts against 203.0.113.9
	wrong(spaID, "")        // public: counts against the connection's address
	wrong(nrID, webSecret)  // confidential but not trusted: likewise
	for ip, want := range map[string]int{"203.0.113.9": 1, "127.0.0.1": 2} {
		lf, err := f.store.GetLoginFailures(f.ctx, aliceID, ip)
		must(t, err)
		if lf.Count != want {
			t.Errorf("failures from %s = %d, want %d", ip, lf.Count, want)
		}
	}
}

func TestNoDefaultDirectory(t *testing.T) {
	f := newFixture(t)
	_, err := f.store.UpdateTenant(f.ctx, func(t *idp.Tenant) error { t.DefaultDirectory = ""; return nil })
	must(t, err)
	r := f.token(passwordForm(webID, webSecret, "openid", ""))
	checkError(t, r, 500, `{"error":"server_error","error_description":"Authorization server not configured with default connection."}`)
}

// TestLoginErrorMapping covers the Users errors no real login can
// provoke on demand (hash capacity exhausted) and the internal ones.
func TestLoginErrorMapping(t *testing.T) {
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{idp.Errorf(idp.EUnauthorized, "x"), 403, "invalid_grant"},
		{idp.Errorf(idp.EBlocked, "x"), 401, "unauthorized"},
		{idp.Errorf(idp.ETooManyAttempts, "x"), 429, "too_many_attempts"},
		{idp.Errorf(idp.EUnavailable, "x"), 503, "temporarily_unavailable"},
		{idp.Errorf(idp.EInvalid, "x"), 400, "invalid_request"},
		{idp.Errorf(idp.EInternal, "secret detail"), 500, "server_error"},
	}
	for _, tt := range tests {
		e := asError(loginError(tt.err))
		if e.Status != tt.status || e.Code != tt.code {
			t.Errorf("%v -> %d %s", tt.err, e.Status, e.Code)
		}
	}
	w := newRecorder()
	(&Handler{}).writeError(w, newRequest(), loginError(idp.Errorf(idp.EUnavailable, "x")))
	if w.Header().Get("Retry-After") != "1" || w.Code != 503 {
		t.Errorf("503: %d Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	var logs strings.Builder
	h := &Handler{Log: slog.New(slog.NewTextHandler(&logs, nil))}
	w, req := newRecorder(), newRequest()
	req.Header.Set("X-Request-Id", "0123456789abcdef01234567")
	h.writeError(w, req, errors.New("database is locked"))
	if got := w.Body.String(); got != `{"error":"server_error","error_description":"Internal error."}` || w.Code != 500 {
		t.Errorf("500 body %s", got)
	}
	if !strings.Contains(logs.String(), "request_id=0123456789abcdef01234567") ||
		!strings.Contains(logs.String(), "database is locked") {
		t.Errorf("log %q", logs.String())
	}
}
