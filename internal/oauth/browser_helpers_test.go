package oauth

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Browser-flow clients, added to the token tests' fixture.
const (
	bspaID    = "browserSpa000000000000000000000F"
	bwebID    = "browserWeb000000000000000000000G"
	bwebSec   = "browser-web-secret-0123456789"
	bimplID   = "browserImplicitOnly0000000000000H"
	b3pID     = "browserThirdParty000000000000000I"
	spaCB     = "https://spa.example.com/callback"
	webCB     = "https://web.example.com/callback"
	webCBQ    = "https://web.example.com/cb?tenant=1"
	spaLogout = "https://spa.example.com/bye"
	oobCB     = "urn:ietf:wg:oauth:2.0:oob"
	sessionID = "sess0000000000000000000000000001"
)

// newBrowserFixture is the token fixture plus browser clients enabled on
// the default connection.
func newBrowserFixture(t testing.TB) *fixture {
	f := newFixture(t)
	rotating := idp.RefreshTokenConfig{RotationType: "rotating", ExpirationType: "expiring",
		TokenLifetime: 3600, IdleTokenLifetime: 600}
	code := []string{idp.GrantAuthorizationCode, idp.GrantRefreshToken}
	clients := []idp.Client{
		{ID: bspaID, Name: "browser-spa", AppType: idp.AppSPA, TokenEndpointAuthMethod: idp.AuthNone,
			GrantTypes: append([]string{idp.GrantImplicit}, code...), IsFirstParty: true, RefreshToken: rotating,
			Callbacks:         []string{spaCB, "https://*.preview.example.com/cb", "com.example.app://callback", oobCB},
			WebOrigins:        []string{"https://spa.example.com"},
			AllowedLogoutURLs: []string{"https://*.preview.example.com/bye", spaLogout}},
		{ID: bwebID, Name: "browser-web", AppType: idp.AppRegularWeb, SecretHash: f.hash(bwebSec),
			TokenEndpointAuthMethod: idp.AuthClientSecretPost, GrantTypes: code, IsFirstParty: true,
			RefreshToken: rotating, Callbacks: []string{webCB, webCBQ}},
		{ID: bimplID, Name: "browser-implicit", AppType: idp.AppSPA, TokenEndpointAuthMethod: idp.AuthNone,
			GrantTypes: []string{idp.GrantImplicit}, IsFirstParty: true, Callbacks: []string{spaCB}},
		{ID: b3pID, Name: "third-party", AppType: idp.AppSPA, TokenEndpointAuthMethod: idp.AuthNone,
			GrantTypes: code, Callbacks: []string{"https://*.third.example.com/cb"}},
	}
	for _, c := range clients {
		must(t, f.store.CreateClient(f.ctx, c))
	}
	_, err := f.store.UpdateConnection(f.ctx, f.connID(idp.DefaultConnection), func(c *idp.Connection) error {
		c.EnabledClients = append(c.EnabledClients, bspaID, bwebID, bimplID, b3pID)
		return nil
	})
	must(t, err)
	return f
}

// newSession stores an SSO session for userID, signed in age ago, and
// returns its cookie value, as the login page would set it.
func (f *fixture) newSession(id, userID string, age time.Duration) string {
	f.t.Helper()
	secret, now := idp.RandomString(43), f.clock.Now()
	must(f.t, f.store.CreateSession(f.ctx, idp.Session{ID: id, Hash: idp.TokenHash(secret), UserID: userID,
		AuthTime: now.Add(-age), CreatedAt: now.Add(-age), LastSeen: now,
		ExpiresAt: now.Add(24 * time.Hour), IdleExpiresAt: now.Add(time.Hour)}))
	return secret
}

// browse sends a browser request without following redirects, with the
// session cookie when one is given.
func (f *fixture) browse(method, path, cookie string, body url.Values) response {
	f.t.Helper()
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(body.Encode())
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	must(f.t, err)
	if body != nil {
		req.Header.Set("Content-Type", formType)
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: idp.SessionCookie, Value: cookie})
	}
	client := *f.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	must(f.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(f.t, err)
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// authorize sends GET /authorize with the parameters.
func (f *fixture) authorize(cookie string, kv ...string) response {
	f.t.Helper()
	return f.browse("GET", "/authorize?"+form(kv...).Encode(), cookie, nil)
}

// signInAt plays the login page for the Transaction r redirected to: it
// records the user and session, then follows /authorize/resume.
func (f *fixture) signInAt(r response, cookie, sid, userID string) response {
	f.t.Helper()
	state := f.loginState(r)
	_, err := f.store.UpdateTransaction(f.ctx, state, func(t *idp.Transaction) error {
		t.UserID, t.SessionID, t.AuthTime = userID, sid, f.clock.Now()
		return nil
	})
	must(f.t, err)
	return f.browse("GET", "/authorize/resume?state="+url.QueryEscape(state), cookie, nil)
}

// loginState checks r sends the browser to the login page and returns the
// Transaction id.
func (f *fixture) loginState(r response) string {
	f.t.Helper()
	loc := r.header.Get("Location")
	if r.status != http.StatusFound || !strings.HasPrefix(loc, "/u/login?state=") {
		f.t.Fatalf("want a redirect to the login page, got %d %q %s", r.status, loc, r.body)
	}
	u, err := url.Parse(loc)
	must(f.t, err)
	return u.Query().Get("state")
}

// callback checks r redirects to prefix and returns the parameters of the
// query or fragment.
func (f *fixture) callback(r response, prefix string, fragment bool) url.Values {
	f.t.Helper()
	loc := r.header.Get("Location")
	if r.status != http.StatusFound || !strings.HasPrefix(loc, prefix) {
		f.t.Fatalf("want a redirect to %s, got %d %q %s", prefix, r.status, loc, r.body)
	}
	u, err := url.Parse(loc)
	must(f.t, err)
	raw := u.RawQuery
	if fragment {
		raw = u.Fragment
		if u.RawQuery != "" || strings.Contains(u.RawFragment, "+") {
			f.t.Errorf("fragment answer %q: query %q or '+' for spaces", loc, u.RawQuery)
		}
	}
	v, err := url.ParseQuery(raw)
	must(f.t, err)
	return v
}

// checkPage checks r is an error page with the status and text.
func checkPage(t testing.TB, r response, status int, text string) {
	t.Helper()
	if r.status != status || r.header.Get("Location") != "" ||
		!strings.HasPrefix(r.header.Get("Content-Type"), "text/html") ||
		r.header.Get("Cache-Control") != "no-store" || !strings.Contains(html.UnescapeString(string(r.body)), text) {
		t.Errorf("want a %d page with %q, got %d %v\n%s", status, text, r.status, r.header, r.body)
	}
}
