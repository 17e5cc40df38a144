package login

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestCSRFRefused(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	tx := e.newTx()
	token := e.csrfCookie()
	forged := idp.RandomString(csrfLen)
	cases := map[string]struct {
		browser *http.Client
		field   string
	}{
		"no cookie":       {e.newBrowser(), token},
		"no field":        {e.client, ""},
		"forged field":    {e.client, forged},
		"short field":     {e.client, token[:10]},
		"cookie of other": {e.newBrowser(), forged},
	}
	for name, c := range cases {
		for _, path := range []string{"/u/login", "/u/signup", "/u/reset-password", "/lo/reset"} {
			form := loginValues(tx, "ana@example.com", testPassword)
			form.Set("email", "ana@example.com")
			if c.field != "" {
				form.Set(csrfField, c.field)
			}
			resp, body := e.do(c.browser, http.MethodPost, path, form)
			wantPage(t, resp, body, http.StatusForbidden, "This form could not be verified")
			if cookie(resp, idp.SessionCookie) != nil {
				t.Errorf("%s %s: signed in", name, path)
			}
		}
	}
	if _, body := e.get("/dev/mailbox"); strings.Contains(body, "Reset your password") {
		t.Error("a forged reset request sent mail")
	}
}

func TestCSRFPageLinksBack(t *testing.T) {
	e := newEnv(t)
	tx := e.newTx()
	resp, body := e.do(e.newBrowser(), http.MethodPost, "/u/login", loginValues(tx, "a@example.com", "x"))
	wantPage(t, resp, body, http.StatusForbidden, `href="/u/login?state=`+tx.ID+`"`)
}

// Every response of the pages carries the security headers; pages are
// never cached, assets always.
func TestSecurityHeadersEverywhere(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	tx := e.newTx()
	gets := []string{
		"/u/login?state=" + tx.ID, "/u/signup?state=" + tx.ID, "/u/login?state=nope",
		"/u/reset-password", "/lo/reset?ticket=x", "/lo/verify_email?ticket=x", "/dev/mailbox",
		"/u/assets/login.css", "/u/assets/theme.css?p=123456", "/u/assets/nope.css",
	}
	for _, path := range gets {
		resp, _ := e.get(path)
		checkHeaders(t, path, resp, strings.HasPrefix(path, "/u/assets/") && resp.StatusCode == 200)
	}
	posts := map[string]url.Values{
		"/u/login":          loginValues(tx, "ana@example.com", "wrong"),
		"/u/signup":         signupValues(tx, "ana@example.com", "weak"),
		"/u/reset-password": {"email": {"ana@example.com"}},
		"/lo/reset":         {"ticket": {"bad"}},
	}
	for path, form := range posts {
		resp, _ := e.post(path, form)
		checkHeaders(t, "POST "+path, resp, false)
		resp, _ = e.do(e.newBrowser(), http.MethodPost, path, form) // CSRF page
		checkHeaders(t, "forged POST "+path, resp, false)
	}
	resp, _ := e.post("/u/login", loginValues(tx, "ana@example.com", testPassword))
	checkHeaders(t, "redirect", resp, false)
}

func checkHeaders(t *testing.T, what string, resp *http.Response, asset bool) {
	t.Helper()
	want := map[string]string{
		"X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
		"Cache-Control": "no-store",
	}
	if asset {
		want["Cache-Control"] = "public, max-age=31536000, immutable"
	}
	for k, v := range want {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, d := range []string{"default-src 'none'", "style-src 'self'", "img-src 'self' https: data:",
		"form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("%s: CSP %q lacks %q", what, csp, d)
		}
	}
}

// Bad input gets a 4xx page, never a 500.
func TestBadInput(t *testing.T) {
	e := newEnv(t)
	tx := e.newTx()
	token := e.csrfCookie()
	raw := []struct {
		name, ctype, body string
		status            int
	}{
		{"too large", "application/x-www-form-urlencoded", "csrf=" + token + "&a=" + strings.Repeat("x", maxForm), 413},
		{"bad escape", "application/x-www-form-urlencoded", "csrf=%zz", 400},
		{"multipart", "multipart/form-data; boundary=x", "--x--", 403},
		{"no type", "", "csrf=" + token, 403},
		{"bad utf-8", "application/x-www-form-urlencoded", "csrf=" + token + "&state=" + tx.ID + "&username=%ff%fe&password=x", 401},
		{"huge state", "application/x-www-form-urlencoded", "csrf=" + token + "&state=" + strings.Repeat("s", 9000), 400},
	}
	for _, c := range raw {
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/u/login", strings.NewReader(c.body))
		if c.ctype != "" {
			req.Header.Set("Content-Type", c.ctype)
		}
		resp, err := e.client.Do(req)
		must(t, err)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.name, resp.StatusCode, c.status)
		}
	}
	for _, path := range []string{
		"/u/assets/..%2flogin.go", "/u/assets/theme.css?p=%3C/style%3E&b=zzzzzz",
		"/lo/verify_email?ticket=" + strings.Repeat("a.", 600), "/lo/reset?ticket=%00",
	} {
		resp, body := e.get(path)
		if resp.StatusCode >= 500 || strings.Contains(body, "</style>") {
			t.Errorf("%s: %d %q", path, resp.StatusCode, body)
		}
	}
}

func TestMailboxMountedOnlyWhenSet(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	e.post("/u/reset-password", url.Values{"email": {"ana@example.com"}})
	e.post("/u/reset-password", url.Values{"email": {"ana@example.com"}})
	resp, body := e.get("/dev/mailbox")
	wantPage(t, resp, body, 200, "Dev mailbox", "Reset your password", `<a href="`+e.srv.URL+`/lo/reset?ticket=`)
	if strings.Count(body, "<article") != 2 {
		t.Errorf("messages shown: %d", strings.Count(body, "<article"))
	}
	mux := http.NewServeMux()
	(&Handler{Store: e.store, Users: e.h.Users}).Mount(mux)
	req, _ := http.NewRequest(http.MethodGet, "/dev/mailbox", nil)
	if _, pattern := mux.Handler(req); pattern != "" {
		t.Errorf("mounted without a mailbox: %q", pattern)
	}
}
