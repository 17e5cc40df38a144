package login

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/mail"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

const (
	testClientID = "acmePortalClientId0123456789abcd"
	testCallback = "https://app.example.com/callback"
	testPassword = "Correct-Horse-1"
)

// env is the hosted pages over a real in-memory SQLite store and a real
// authn.Service, served over TLS, with a browser-like client: a cookie
// jar, and redirects not followed so that tests see them.
type env struct {
	t      *testing.T
	ctx    context.Context
	store  *sqlite.Store
	h      *Handler
	srv    *httptest.Server
	box    *mail.Mailbox
	boxDir string
	conn   idp.Connection
	client *http.Client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, ctx: ctx, store: st, boxDir: t.TempDir()}
	if e.box, err = mail.NewMailbox(e.boxDir, ""); err != nil {
		t.Fatal(err)
	}
	e.h = &Handler{Store: st, Mailbox: e.box, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	mux := http.NewServeMux()
	e.h.Mount(mux)
	e.srv = httptest.NewTLSServer(mux)
	t.Cleanup(e.srv.Close)
	e.h.Users = authn.New(st, authn.Options{Issuer: e.srv.URL + "/", Mailer: e.box,
		ResetKey: []byte("0123456789abcdef0123456789abcdef")})
	e.client = e.newBrowser()
	e.seed()
	return e
}

// newBrowser returns a client with its own cookies.
func (e *env) newBrowser() *http.Client {
	jar, _ := cookiejar.New(nil)
	c := e.srv.Client()
	c.Jar = jar
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// seed stores the application and the database connection it uses.
func (e *env) seed() {
	e.t.Helper()
	must(e.t, e.store.CreateClient(e.ctx, idp.Client{ID: testClientID, Name: "Acme Portal",
		AppType: idp.AppSPA, TokenEndpointAuthMethod: idp.AuthNone, Callbacks: []string{testCallback}}))
	e.conn = idp.Connection{ID: idp.NewConnectionID(), Name: idp.DefaultConnection, Strategy: "auth0",
		EnabledClients: []string{testClientID},
		Options:        idp.ConnectionOptions{PasswordPolicy: "good", BruteForceProtection: true}}
	must(e.t, e.store.CreateConnection(e.ctx, e.conn))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newTx stores a Transaction as /authorize would, changed by mods.
func (e *env) newTx(mods ...func(*idp.Transaction)) idp.Transaction {
	e.t.Helper()
	now := time.Now()
	tx := idp.Transaction{ID: idp.RandomString(40), ClientID: testClientID, RedirectURI: testCallback,
		ResponseType: "code", ResponseMode: "query", Scope: "openid profile email", State: "app-state",
		MaxAge: -1, CreatedAt: now, ExpiresAt: now.Add(10 * time.Minute)}
	for _, m := range mods {
		m(&tx)
	}
	must(e.t, e.store.CreateTransaction(e.ctx, tx))
	return tx
}

// addUser creates a user with testPassword.
func (e *env) addUser(email string) idp.User {
	e.t.Helper()
	u, err := e.h.Users.CreateUser(e.ctx, authn.SignupInput{Connection: e.conn.Name, Email: email, Password: testPassword})
	must(e.t, err)
	return u
}

func (e *env) tenant(fn func(*idp.Tenant)) {
	e.t.Helper()
	_, err := e.store.UpdateTenant(e.ctx, func(t *idp.Tenant) error { fn(t); return nil })
	must(e.t, err)
}

// get fetches path with the env's browser.
func (e *env) get(path string) (*http.Response, string) {
	return e.do(e.client, http.MethodGet, path, nil)
}

// post submits form to path with the CSRF token the browser holds, as
// the page's form would.
func (e *env) post(path string, form url.Values) (*http.Response, string) {
	form.Set(csrfField, e.csrfCookie())
	return e.do(e.client, http.MethodPost, path, form)
}

func (e *env) do(c *http.Client, method, path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	must(e.t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	must(e.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(e.t, err)
	return resp, string(b)
}

// csrfCookie is the browser's CSRF token, fetched by loading a page if
// it has none yet.
func (e *env) csrfCookie() string {
	e.t.Helper()
	u, _ := url.Parse(e.srv.URL)
	for range 2 {
		for _, c := range e.client.Jar.Cookies(u) {
			if c.Name == "__Host-gatehouse_csrf" {
				return c.Value
			}
		}
		e.get("/u/reset-password")
	}
	e.t.Fatal("no CSRF cookie")
	return ""
}

// cookie returns the Set-Cookie of resp named name.
func cookie(resp *http.Response, name string) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// wantPage fails unless resp has status and body holds every text.
func wantPage(t *testing.T, resp *http.Response, body string, status int, texts ...string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status %d, want %d; body:\n%s", resp.StatusCode, status, body)
	}
	for _, text := range texts {
		if !strings.Contains(body, text) {
			t.Errorf("page lacks %q; body:\n%s", text, body)
		}
	}
}

// hiddenValue returns the value of the hidden input name in a page.
func hiddenValue(body, name string) string {
	m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// loginForm is the form of a sign-in for tx.
func loginValues(tx idp.Transaction, username, password string) url.Values {
	return url.Values{"state": {tx.ID}, "username": {username}, "password": {password}}
}
