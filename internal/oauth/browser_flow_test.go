package oauth

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

var (
	webMessageRe = regexp.MustCompile(`\}\)\((\{.*\}), (".*")\);`)
	scriptNonce  = regexp.MustCompile(`<script nonce="([^"]+)">`)
	formActionRe = regexp.MustCompile(`<form method="post" action="([^"]*)">`)
	hiddenRe     = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)
)

// webMessage parses the web_message page: the response posted and the
// target origin. It also checks the page may be framed, is not cached and
// runs only its own script.
func parseWebMessage(t *testing.T, r response) (map[string]string, string) {
	t.Helper()
	m := webMessageRe.FindSubmatch(r.body)
	n := scriptNonce.FindSubmatch(r.body)
	if r.status != 200 || m == nil || n == nil {
		t.Fatalf("not a web_message page: %d %s", r.status, r.body)
	}
	var resp map[string]string
	var origin string
	must(t, json.Unmarshal(m[1], &resp))
	must(t, json.Unmarshal(m[2], &origin))
	if !strings.Contains(string(r.body), `{type: "authorization_response", response: response}`) {
		t.Errorf("message shape: %s", r.body)
	}
	checkPageHeaders(t, r, string(n[1]))
	return resp, origin
}

func checkPageHeaders(t *testing.T, r response, nonce string) {
	t.Helper()
	h := r.header
	if h.Get("X-Frame-Options") != "" || strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors") ||
		h.Get("Cache-Control") != "no-store" ||
		!strings.Contains(h.Get("Content-Security-Policy"), "script-src 'nonce-"+nonce+"'") {
		t.Errorf("headers %v", h)
	}
}

// TestSilentAuthWebMessage: prompt=none in the hidden iframe, without and
// with a session (contract §4.4, §4.5).
func TestSilentAuthWebMessage(t *testing.T) {
	f := newBrowserFixture(t)
	kv := []string{"client_id", bspaID, "redirect_uri", spaCB, "response_type", "code", "response_mode", "web_message",
		"prompt", "none", "state", "s1", "nonce", "n1", "scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256"}
	resp, origin := parseWebMessage(t, f.authorize("", kv...))
	if resp["error"] != "login_required" || resp["error_description"] != "Login required" ||
		resp["state"] != "s1" || origin != "https://spa.example.com" {
		t.Errorf("no session: %v to %q", resp, origin)
	}
	cookie := f.newSession(sessionID, aliceID, time.Hour)
	resp, origin = parseWebMessage(t, f.authorize(cookie, kv...))
	if resp["code"] == "" || resp["state"] != "s1" || len(resp) != 2 || origin != "https://spa.example.com" {
		t.Errorf("with a session: %v to %q", resp, origin)
	}
	body := f.okToken(codeForm(bspaID, resp["code"]))
	if _, c := f.verify(body["id_token"].(string)); c["nonce"] != "n1" || c["sid"] != sessionID {
		t.Errorf("silent ID token %v", c)
	}
}

// TestMaxAgeAndPromptLogin: an old login or prompt=login needs the login
// page; prompt=none then answers login_required.
func TestMaxAgeAndPromptLogin(t *testing.T) {
	f := newBrowserFixture(t)
	cookie := f.newSession(sessionID, aliceID, 10*time.Minute)
	kv := []string{"client_id", bspaID, "redirect_uri", spaCB, "response_type", "code", "state", "s",
		"code_challenge", challenge, "code_challenge_method", "S256"}
	with := func(extra ...string) []string { return append(append([]string{}, kv...), extra...) }
	f.loginState(f.authorize(cookie, with("max_age", "60")...))
	f.loginState(f.authorize(cookie, with("prompt", "login")...))
	if v := f.callback(f.authorize(cookie, with("max_age", "60", "prompt", "none")...), spaCB+"?", false); v.Get("error") != "login_required" {
		t.Errorf("max_age with prompt=none: %v", v)
	}
	if v := f.callback(f.authorize(cookie, with("max_age", "600")...), spaCB+"?", false); v.Get("code") == "" {
		t.Errorf("a fresh enough session answers at once: %v", v)
	}
	loc := f.authorize("", with("screen_hint", "signup")...).header.Get("Location")
	if !strings.HasPrefix(loc, "/u/signup?state=") {
		t.Errorf("screen_hint=signup: %q", loc)
	}
}

// TestSessionUnusable: a blocked user's or a foreign connection's session
// does not sign in; the login page is shown again.
func TestSessionUnusable(t *testing.T) {
	f := newBrowserFixture(t)
	kv := []string{"client_id", bspaID, "redirect_uri", spaCB, "response_type", "code",
		"code_challenge", challenge, "code_challenge_method", "S256"}
	f.loginState(f.authorize(f.newSession("s-bob", bobID, 0), kv...))
	f.loginState(f.authorize(f.newSession("s-staff", "auth0|000000000000000000005aff", 0), kv...))
	f.loginState(f.authorize("not-a-session", kv...))
}

// TestResponseModes: query keeps the registered query, fragment carries
// implicit tokens, form_post posts them.
func TestResponseModes(t *testing.T) {
	f := newBrowserFixture(t)
	cookie := f.newSession(sessionID, aliceID, 0)
	v := f.callback(f.authorize(cookie, "client_id", bwebID, "redirect_uri", webCBQ, "response_type", "code",
		"state", "a b"), webCBQ+"&code=", false)
	if v.Get("state") != "a b" || v.Get("tenant") != "1" {
		t.Errorf("query: %v", v)
	}
	v = f.callback(f.authorize(cookie, "client_id", bspaID, "redirect_uri", spaCB, "response_type", "token id_token",
		"nonce", "n", "state", "s"), spaCB+"#", true)
	if v.Get("access_token") == "" || v.Get("id_token") == "" || v.Get("state") != "s" || v.Get("expires_in") != "7200" {
		t.Errorf("fragment: %v", v)
	}
	r := f.authorize(cookie, "client_id", bspaID, "redirect_uri", spaCB, "response_type", "id_token",
		"response_mode", "form_post", "nonce", "n", "state", `"<s>"`)
	action, fields := parseFormPost(t, r)
	if action != spaCB || fields["state"] != `"<s>"` || fields["id_token"] == "" || len(fields) != 2 {
		t.Errorf("form_post: %q %v", action, fields)
	}
}

func parseFormPost(t *testing.T, r response) (string, map[string]string) {
	t.Helper()
	a := formActionRe.FindSubmatch(r.body)
	n := scriptNonce.FindSubmatch(r.body)
	if r.status != 200 || a == nil || n == nil || !strings.Contains(string(r.body), "<noscript>") {
		t.Fatalf("not a form_post page: %d %s", r.status, r.body)
	}
	checkPageHeaders(t, r, string(n[1]))
	fields := map[string]string{}
	for _, m := range hiddenRe.FindAllSubmatch(r.body, -1) {
		fields[html.UnescapeString(string(m[1]))] = html.UnescapeString(string(m[2]))
	}
	return html.UnescapeString(string(a[1])), fields
}

// TestImplicitGolden pins the ID-token claims of the implicit flow (seed
// 002: auth0.js, response_type "token id_token").
func TestImplicitGolden(t *testing.T) {
	f := newBrowserFixture(t)
	cookie := f.newSession(sessionID, aliceID, 0)
	r := f.authorize(cookie, "client_id", bspaID, "redirect_uri", spaCB, "response_type", "token id_token",
		"nonce", "lFCnI8.crRTdHfdo5k", "state", "s", "scope", "openid profile email read:a", "audience", apiAud)
	v := f.callback(r, spaCB+"#", true)
	raw := v.Get("id_token")
	_, claims := f.verify(raw)
	if claims["at_hash"] != halfHash(v.Get("access_token")) {
		t.Errorf("at_hash %v", claims["at_hash"])
	}
	claims["at_hash"], claims["auth_time"] = "<at_hash>", "<auth_time>"
	f.goldenClaims("implicit_id.golden", headerMap(t, raw), claims)
	_, at := f.verify(v.Get("access_token"))
	if at["exp"].(float64)-at["iat"].(float64) != 7200 || at["gty"] != nil {
		t.Errorf("implicit access token %v", at)
	}
}

// TestResumeChecks: the Transaction resumes once, only when finished, and
// only in the browser whose session finished it.
func TestResumeChecks(t *testing.T) {
	const expired = "This sign-in has expired or cannot be continued in this browser."
	f := newBrowserFixture(t)
	kv := []string{"client_id", bspaID, "redirect_uri", spaCB, "response_type", "code",
		"code_challenge", challenge, "code_challenge_method", "S256"}
	state := f.loginState(f.authorize("", kv...))
	mine, other := f.newSession(sessionID, aliceID, 0), f.newSession("other", aliceID, 0)
	checkPage(t, f.browse("GET", "/authorize/resume?state="+state, mine, nil), 400, expired) // not finished
	r := f.authorize("", kv...)
	state = f.loginState(r)
	checkPage(t, f.signInAt(r, other, sessionID, aliceID), 400, expired) // another browser
	f.callback(f.browse("GET", "/authorize/resume?state="+state, mine, nil), spaCB+"?code=", false)
	checkPage(t, f.browse("GET", "/authorize/resume?state="+state, mine, nil), 400, expired) // used
	checkPage(t, f.browse("GET", "/authorize/resume?state=nope", mine, nil), 400, expired)
	checkPage(t, f.browse("GET", "/authorize/resume", mine, nil), 400, expired)
	if _, err := f.store.GetTransaction(f.ctx, state, f.clock.Now()); !idp.IsNotFound(err) {
		t.Errorf("transaction kept: %v", err)
	}
}

// TestAuthorizeTouchesSession: using a session moves its idle expiry.
func TestAuthorizeTouchesSession(t *testing.T) {
	f := newBrowserFixture(t)
	cookie := f.newSession(sessionID, aliceID, 0)
	f.clock.Add(30 * time.Minute)
	f.callback(f.authorize(cookie, "client_id", bspaID, "redirect_uri", spaCB, "response_type", "code",
		"code_challenge", challenge, "code_challenge_method", "S256"), spaCB+"?code=", false)
	s, err := f.store.GetSession(f.ctx, idp.TokenHash(cookie), f.clock.Now())
	must(t, err)
	if !s.LastSeen.Equal(f.clock.Now()) || !s.IdleExpiresAt.Equal(f.clock.Now().Add(72*time.Hour)) &&
		!s.IdleExpiresAt.Equal(s.ExpiresAt) {
		t.Errorf("session %+v", s)
	}
}
