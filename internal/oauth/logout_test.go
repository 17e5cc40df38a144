package oauth

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// sessionGone checks the session was deleted and the cookie expired with
// the attributes it was set with.
func (f *fixture) sessionGone(r response, cookie string) {
	f.t.Helper()
	if _, err := f.store.GetSession(f.ctx, idp.TokenHash(cookie), f.clock.Now()); !idp.IsNotFound(err) {
		f.t.Errorf("session still there: %v", err)
	}
	sc := r.header.Get("Set-Cookie")
	for _, want := range []string{idp.SessionCookie + "=;", "Path=/", "Max-Age=0", "HttpOnly", "Secure", "SameSite=None"} {
		if !strings.Contains(sc, want) {
			f.t.Errorf("Set-Cookie %q lacks %q", sc, want)
		}
	}
}

func (f *fixture) sessionKept(cookie string) {
	f.t.Helper()
	if _, err := f.store.GetSession(f.ctx, idp.TokenHash(cookie), f.clock.Now()); err != nil {
		f.t.Errorf("session ended: %v", err)
	}
}

// TestLogoutV2 covers §8's returnTo rules.
func TestLogoutV2(t *testing.T) {
	f := newBrowserFixture(t)
	_, err := f.store.UpdateTenant(f.ctx, func(tn *idp.Tenant) error {
		tn.AllowedLogoutURLs = []string{"https://tenant.example.com/out"}
		return nil
	})
	must(t, err)
	tests := []struct{ name, query, location string }{
		{"client returnTo", "client_id=" + bspaID + "&returnTo=" + url.QueryEscape(spaLogout) + "&federated&auth0Client=eyJ9", spaLogout},
		{"wildcard returnTo", "client_id=" + bspaID + "&returnTo=" + url.QueryEscape("https://pr-1.preview.example.com/bye"), "https://pr-1.preview.example.com/bye"},
		{"first fixed logout URL", "client_id=" + bspaID, spaLogout},
		{"tenant returnTo", "returnTo=" + url.QueryEscape("https://tenant.example.com/out"), "https://tenant.example.com/out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cookie := f.newSession(idp.RandomString(32), aliceID, 0)
			r := f.browse("GET", "/v2/logout?"+tt.query, cookie, nil)
			if r.status != http.StatusFound || r.header.Get("Location") != tt.location {
				t.Errorf("%d %q", r.status, r.header.Get("Location"))
			}
			f.sessionGone(r, cookie)
		})
	}
	refused := []struct{ name, query, url string }{
		{"not listed", "client_id=" + bspaID + "&returnTo=https%3A%2F%2Fevil.example.com%2F", "https://evil.example.com/"},
		{"tenant URL with a client", "client_id=" + bspaID + "&returnTo=https%3A%2F%2Ftenant.example.com%2Fout", "https://tenant.example.com/out"},
		{"client URL without a client", "returnTo=" + url.QueryEscape(spaLogout), spaLogout},
		{"extra query", "client_id=" + bspaID + "&returnTo=" + url.QueryEscape(spaLogout+"?x=1"), spaLogout + "?x=1"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			cookie := f.newSession(idp.RandomString(32), aliceID, 0)
			checkPage(t, f.browse("GET", "/v2/logout?"+tt.query, cookie, nil), 400,
				`invalid_request`+"</code></p>\n<p>"+`The "returnTo" querystring parameter "`+tt.url+`" is not defined as a valid URL in "Allowed Logout URLs".`)
			f.sessionKept(cookie)
		})
	}
	r := f.browse("GET", "/v2/logout", "", nil)
	checkPage(t, r, 200, "You have signed out.")
	checkPage(t, f.browse("GET", "/v2/logout?client_id=nobody", "", nil), 400, "Unknown client: nobody")
}

var confirmRe = regexp.MustCompile(`name="confirm" value="([0-9a-f]+)"`)

// TestOIDCLogout covers RP-initiated logout: id_token_hint, its audience,
// state, logout_hint and the confirmation page.
func TestOIDCLogout(t *testing.T) {
	f := newBrowserFixture(t)
	code, cookie := f.codeFor(sessionID, "scope", "openid")
	hint := f.okToken(codeForm(bspaID, code))["id_token"].(string)
	q := url.Values{"id_token_hint": {hint}, "post_logout_redirect_uri": {spaLogout}, "state": {"a b"}}
	q.Set("client_id", bwebID)
	checkPage(t, f.browse("GET", "/oidc/logout?"+q.Encode(), cookie, nil), 400, "does not match the audience")
	checkPage(t, f.browse("GET", "/oidc/logout?id_token_hint=x.y.z", cookie, nil), 400, "not a valid ID token")
	q.Set("client_id", bspaID)
	q.Set("post_logout_redirect_uri", "https://evil.example.com/")
	checkPage(t, f.browse("GET", "/oidc/logout?"+q.Encode(), cookie, nil), 400,
		`The "post_logout_redirect_uri" querystring parameter "https://evil.example.com/" is not defined`)
	f.sessionKept(cookie)
	q.Del("client_id") // the hint's audience names the client
	q.Set("post_logout_redirect_uri", spaLogout)
	r := f.browse("POST", "/oidc/logout", cookie, q)
	if r.status != http.StatusFound || r.header.Get("Location") != spaLogout+"?state=a+b" {
		t.Errorf("%d %q", r.status, r.header.Get("Location"))
	}
	f.sessionGone(r, cookie)

	// Without a hint the user confirms, unless logout_hint names the session.
	cookie = f.newSession("s2", aliceID, 0)
	q = url.Values{"client_id": {bspaID}, "post_logout_redirect_uri": {spaLogout}}
	r = f.browse("GET", "/oidc/logout?"+q.Encode(), cookie, nil)
	m := confirmRe.FindSubmatch(r.body)
	if r.status != 200 || m == nil || r.header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("confirmation page: %d %v %s", r.status, r.header, r.body)
	}
	f.sessionKept(cookie)
	q.Set("confirm", "0000")
	if r := f.browse("POST", "/oidc/logout", cookie, q); r.status != 200 {
		t.Errorf("forged confirmation: %d", r.status)
	}
	f.sessionKept(cookie)
	q.Set("confirm", string(m[1]))
	f.sessionGone(f.browse("POST", "/oidc/logout", cookie, q), cookie)
	cookie = f.newSession("s3", aliceID, 0)
	r = f.browse("GET", "/oidc/logout?logout_hint=s3", cookie, nil)
	checkPage(t, r, 200, "You have signed out.")
	f.sessionGone(r, cookie)
}
