package e2e

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestLoginCSRF posts the hosted sign-in form as a browser would, over
// plain HTTP: with a forged or missing CSRF token, or without the CSRF
// cookie, it is refused with 403 and no session; with the page's own token
// the same form signs in.
func TestLoginCSRF(t *testing.T) {
	b := needBrowserServer(t)
	email := b.srv.signup(t)
	browser := b.srv.cookieClient(t)
	state, token := b.openLoginPage(t, browser)
	form := url.Values{"state": {state}, "username": {email}, "password": {testPassword}, "csrf": {token}}

	refused := map[string]struct {
		client *http.Client
		form   url.Values
	}{
		"forged token":   {browser, withField(form, "csrf", randomB64(32)[:43])},
		"missing token":  {browser, withField(form, "csrf", "")},
		"missing cookie": {b.srv.cookieClient(t), form},
	}
	for name, c := range refused {
		r := b.srv.postLogin(t, c.client, c.form)
		if r.Status != http.StatusForbidden || setsSession(r) {
			t.Errorf("%s: POST /u/login: want 403 and no session cookie, got %s\nSet-Cookie: %q", name, r, r.Header.Values("Set-Cookie"))
		}
	}
	r := b.srv.postLogin(t, browser, form)
	if r.Status != http.StatusSeeOther || !setsSession(r) || !strings.HasPrefix(r.Header.Get("Location"), "/authorize/resume") {
		t.Errorf("POST /u/login with the page's token: want 303 to /authorize/resume, got %s (Location %q)", r, r.Header.Get("Location"))
	}
}

// openLoginPage starts a code+PKCE request for the SPA and follows it to
// the sign-in page, returning the form's state and CSRF token.
func (b *browserEnv) openLoginPage(t *testing.T, c *http.Client) (state, csrf string) {
	t.Helper()
	verifier := randomB64(32)
	sum := sha256.Sum256([]byte(verifier))
	q := url.Values{
		"client_id": {b.spa.ID}, "response_type": {"code"}, "response_mode": {"query"},
		"redirect_uri": {b.app + "/spa.html"}, "scope": {"openid profile email"},
		"state": {"csrf-test"}, "nonce": {"csrf-test-nonce"},
		"code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"},
	}
	r := b.srv.getWith(t, c, "authorize?"+q.Encode())
	loc, err := url.Parse(r.Header.Get("Location"))
	if r.Status != http.StatusFound || err != nil || loc.Path != "/u/login" {
		t.Fatalf("GET /authorize: want 302 to /u/login, got %s (Location %q)", r, r.Header.Get("Location"))
	}
	page := b.srv.getWith(t, c, strings.TrimPrefix(loc.RequestURI(), "/"))
	return hiddenField(t, page, "state"), hiddenField(t, page, "csrf")
}

// cookieClient is a client with its own cookie jar that does not follow
// redirects, so each step can be checked.
func (g *gatehouse) cookieClient(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Transport: g.HTTP.Transport, Jar: jar, Timeout: g.HTTP.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (g *gatehouse) getWith(t *testing.T, c *http.Client, path string) response {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", g.Issuer+path, nil)
	return g.doWith(t, c, req)
}

func (g *gatehouse) postLogin(t *testing.T, c *http.Client, form url.Values) response {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "POST", g.Issuer+"u/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", strings.TrimSuffix(g.Issuer, "/"))
	return g.doWith(t, c, req)
}

// doWith is g.do with another client.
func (g *gatehouse) doWith(t *testing.T, c *http.Client, req *http.Request) response {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL.Path, err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

// setsSession reports whether a response sets the SSO session cookie
// (idp.SessionCookie, with or without a __Host- or __Secure- prefix).
func setsSession(r response) bool {
	for _, c := range r.Header.Values("Set-Cookie") {
		name, _, _ := strings.Cut(c, "=")
		if strings.HasSuffix(name, "gatehouse_session") {
			return true
		}
	}
	return false
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// hiddenField returns the value of a hidden input of an HTML page.
func hiddenField(t *testing.T, page response, name string) string {
	t.Helper()
	for _, m := range hiddenInput.FindAllStringSubmatch(string(page.Body), -1) {
		if m[1] == name {
			return m[2]
		}
	}
	t.Fatalf("no hidden input %q in the sign-in page: %s", name, page)
	return ""
}

// withField returns a copy of form with key set to value ("" removes it).
func withField(form url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	out.Del(key)
	if value != "" {
		out.Set(key, value)
	}
	return out
}

// randomB64 is n random bytes in base64url.
func randomB64(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
