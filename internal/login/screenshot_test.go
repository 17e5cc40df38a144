//go:build screenshots

package login

// Screenshots of the pages, taken with Debian's chromium:
//
//	go test -tags screenshots -run TestScreenshots ./internal/login/
//
// writes docs/screenshots/*.png. The pages are served over plain HTTP on
// 127.0.0.1 with sample data; pages that follow a POST are produced by
// replaying the POST inside the server, since a headless screenshot can
// only GET.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/mail"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

const screenshotDir = "../../docs/screenshots"

var viewports = []struct {
	name string
	w, h int
}{{"desktop", 1280, 800}, {"phone", 390, 844}}

// logoSVG is a sample tenant logo.
const logoSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="124" height="48" viewBox="0 0 124 48">` +
	`<rect x="2" y="6" width="36" height="36" rx="8" fill="#0f766e"/>` +
	`<path d="M11 34 20 14 29 34" stroke="#fff" stroke-width="4" fill="none" stroke-linejoin="round"/>` +
	`<text x="48" y="33" font-family="system-ui, sans-serif" font-size="24" font-weight="700" fill="#134e4a">Acme</text></svg>`

type shots struct {
	t     *testing.T
	ctx   context.Context
	store *sqlite.Store
	h     *Handler
	mux   *http.ServeMux
	srv   *httptest.Server
	tx    idp.Transaction

	mu    sync.Mutex
	mails []authn.Message
}

func TestScreenshots(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed")
	}
	s := newShots(t)
	must(t, os.MkdirAll(screenshotDir, 0o755))
	pages := map[string]string{
		"login": "/u/login?state=" + s.tx.ID, "login-error": "/shot/login-error",
		"signup-error": "/shot/signup-error", "reset-request": "/u/reset-password?state=" + s.tx.ID,
		"reset": s.resetPath(),
	}
	for name, path := range pages {
		s.capture(chromium, name, path)
	}
	s.tenant(func(t *idp.Tenant) {
		t.FriendlyName = "Acme"
		t.Branding = idp.Branding{LogoURL: s.srv.URL + "/logo.svg", PrimaryColor: "#0f766e", PageBackground: "#e6f4f1"}
	})
	s.capture(chromium, "login-branded", "/u/login?state="+s.tx.ID)
	s.capture(chromium, "mailbox", "/dev/mailbox")
}

func newShots(t *testing.T) *shots {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	must(t, err)
	t.Cleanup(func() { st.Close() })
	s := &shots{t: t, ctx: ctx, store: st, mux: http.NewServeMux()}
	box, err := mail.NewMailbox(t.TempDir(), "")
	must(t, err)
	s.h = &Handler{Store: st, InsecureCookies: true, Mailbox: box}
	s.h.Mount(s.mux)
	s.mux.HandleFunc("GET /shot/login-error", s.replay("/u/login", url.Values{"username": {"ana@example.com"}, "password": {"nope"}}))
	s.mux.HandleFunc("GET /shot/signup-error", s.replay("/u/signup", url.Values{"email": {"new@example.com"}, "password": {"sunshine"}}))
	s.mux.HandleFunc("GET /logo.svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write([]byte(logoSVG))
	})
	s.srv = httptest.NewServer(s.mux)
	t.Cleanup(s.srv.Close)
	s.h.Users = authn.New(st, authn.Options{Issuer: s.srv.URL + "/", Mailer: authn.MailerFunc(s.send)})
	s.seed()
	return s
}

func (s *shots) send(ctx context.Context, m authn.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mails = append(s.mails, m)
	return s.h.Mailbox.Send(ctx, m)
}

func (s *shots) seed() {
	must(s.t, s.store.CreateClient(s.ctx, idp.Client{ID: testClientID, Name: "Acme Portal", AppType: idp.AppSPA,
		TokenEndpointAuthMethod: idp.AuthNone, Callbacks: []string{testCallback}}))
	must(s.t, s.store.CreateConnection(s.ctx, idp.Connection{ID: idp.NewConnectionID(), Name: idp.DefaultConnection,
		Strategy: "auth0", EnabledClients: []string{testClientID},
		Options: idp.ConnectionOptions{PasswordPolicy: "good", BruteForceProtection: true}}))
	s.tenant(func(t *idp.Tenant) { t.FriendlyName = "Acme" })
	_, err := s.h.Users.CreateUser(s.ctx, authn.SignupInput{Connection: idp.DefaultConnection,
		Email: "ana@example.com", Password: testPassword})
	must(s.t, err)
	s.tx = idp.Transaction{ID: idp.RandomString(40), ClientID: testClientID, RedirectURI: testCallback,
		ResponseType: "code", MaxAge: -1, CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
	must(s.t, s.store.CreateTransaction(s.ctx, s.tx))
}

func (s *shots) tenant(fn func(*idp.Tenant)) {
	_, err := s.store.UpdateTenant(s.ctx, func(t *idp.Tenant) error { fn(t); return nil })
	must(s.t, err)
}

// replay answers a GET with the page a POST of form to path renders.
func (s *shots) replay(path string, form url.Values) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token := idp.RandomString(csrfLen)
		form.Set("state", s.tx.ID)
		form.Set(csrfField, token)
		req := httptest.NewRequestWithContext(r.Context(), http.MethodPost, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: s.h.csrfCookieName(), Value: token})
		s.mux.ServeHTTP(w, req)
	}
}

// resetPath asks for a reset link for the sample user and returns it.
func (s *shots) resetPath() string {
	must(s.t, s.h.Users.RequestPasswordReset(s.ctx, "", idp.DefaultConnection, "ana@example.com"))
	return linkIn(s.t, s.mails[len(s.mails)-1].Text, "/lo/reset?ticket=")
}

// capture screenshots path at every viewport into name-viewport.png.
func (s *shots) capture(chromium, name, path string) {
	for _, v := range viewports {
		file, err := filepath.Abs(filepath.Join(screenshotDir, name+"-"+v.name+".png"))
		must(s.t, err)
		ctx, cancel := context.WithTimeout(s.ctx, 60*time.Second)
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--no-first-run",
			"--hide-scrollbars", "--user-data-dir="+s.t.TempDir(),
			"--window-size="+strconv.Itoa(v.w)+","+strconv.Itoa(v.h), "--screenshot="+file, s.srv.URL+path)
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			s.t.Fatalf("chromium %s: %v\n%s", name, err, out)
		}
		s.t.Logf("wrote %s", file)
	}
}
