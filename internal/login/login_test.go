package login

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestLoginSuccess(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	tx := e.newTx(func(tx *idp.Transaction) { tx.LoginHint = "ana@example.com" })

	resp, body := e.get("/u/login?state=" + tx.ID)
	wantPage(t, resp, body, 200, "Sign in", "to continue to Acme Portal",
		`value="ana@example.com"`, `autocomplete="username"`, `autocomplete="current-password"`)
	csrf := cookie(resp, "__Host-gatehouse_csrf")
	if csrf == nil || !csrf.HttpOnly || !csrf.Secure || csrf.SameSite != http.SameSiteStrictMode || csrf.Path != "/" {
		t.Fatalf("CSRF cookie %+v", csrf)
	}
	if hiddenValue(body, csrfField) != csrf.Value {
		t.Error("hidden field does not carry the cookie's token")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' https://app.example.com;") {
		t.Errorf("CSP %q does not let the form end at the callback", csp)
	}

	start := time.Now()
	resp, body = e.post("/u/login", loginValues(tx, "Ana@Example.com", testPassword))
	wantPage(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/authorize/resume?state="+tx.ID {
		t.Errorf("Location %q", loc)
	}
	sc := cookie(resp, idp.SessionCookie)
	if sc == nil || !sc.HttpOnly || !sc.Secure || sc.SameSite != http.SameSiteNoneMode || sc.Path != "/" ||
		sc.MaxAge != 168*3600 || len(sc.Value) < 40 {
		t.Fatalf("session cookie %+v", sc)
	}
	s, err := e.store.GetSession(e.ctx, idp.TokenHash(sc.Value), time.Now())
	must(t, err)
	if s.UserID != u.ID || s.AuthTime.Before(start.Add(-time.Second)) ||
		s.ExpiresAt.Sub(s.AuthTime) != 168*time.Hour || s.IdleExpiresAt.Sub(s.AuthTime) != 72*time.Hour {
		t.Errorf("session %+v", s)
	}
	got, err := e.store.GetTransaction(e.ctx, tx.ID, time.Now())
	must(t, err)
	if got.UserID != u.ID || got.SessionID != s.ID || !got.AuthTime.Equal(s.AuthTime) {
		t.Errorf("transaction %+v, session %s", got, s.ID)
	}
}

func TestLoginReplacesSessionAndUsesTenantLifetimes(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	e.tenant(func(t *idp.Tenant) { t.SessionLifetime, t.IdleSessionLife = 2, 0.5 })
	resp, _ := e.post("/u/login", loginValues(e.newTx(), "ana@example.com", testPassword))
	first := cookie(resp, idp.SessionCookie)
	if first == nil || first.MaxAge != 7200 {
		t.Fatalf("cookie %+v", first)
	}
	resp, _ = e.post("/u/login", loginValues(e.newTx(), "ana@example.com", testPassword))
	second := cookie(resp, idp.SessionCookie)
	s, err := e.store.GetSession(e.ctx, idp.TokenHash(second.Value), time.Now())
	must(t, err)
	if s.IdleExpiresAt.Sub(s.AuthTime) != 30*time.Minute {
		t.Errorf("idle expiry %v", s.IdleExpiresAt.Sub(s.AuthTime))
	}
	if _, err := e.store.GetSession(e.ctx, idp.TokenHash(first.Value), time.Now()); !idp.IsNotFound(err) {
		t.Errorf("previous session still there: %v", err)
	}
}

func TestLoginWrongPasswordLooksLikeUnknownEmail(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	tx := e.newTx()
	wrong, wrongBody := e.post("/u/login", loginValues(tx, "ana@example.com", "Wrong-Horse-1"))
	unknown, unknownBody := e.post("/u/login", loginValues(tx, "bob@example.com", "Wrong-Horse-1"))
	wantPage(t, wrong, wrongBody, http.StatusUnauthorized, msgWrongCredentials, `aria-invalid="true"`,
		`aria-describedby="alert"`, `role="alert" tabindex="-1" autofocus`)
	wantPage(t, unknown, unknownBody, http.StatusUnauthorized)
	if strings.Replace(unknownBody, "bob@", "ana@", 1) != wrongBody {
		t.Errorf("pages differ:\n%s\n----\n%s", wrongBody, unknownBody)
	}
	if strings.Contains(wrongBody, "Wrong-Horse-1") {
		t.Error("the password is echoed")
	}
	if cookie(wrong, idp.SessionCookie) != nil {
		t.Error("session cookie set")
	}
}

func TestLoginEmptyFields(t *testing.T) {
	e := newEnv(t)
	resp, body := e.post("/u/login", loginValues(e.newTx(), " ", ""))
	wantPage(t, resp, body, http.StatusBadRequest, "Enter your email address.", "Enter your password.",
		`<a href="#username">`, `aria-describedby="username-error"`, `id="password-error"`)
}

func TestLoginBlockedUser(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	_, err := e.store.UpdateUser(e.ctx, u.ID, func(v *idp.User) error { v.Blocked = true; return nil })
	must(t, err)
	resp, body := e.post("/u/login", loginValues(e.newTx(), "ana@example.com", testPassword))
	wantPage(t, resp, body, http.StatusUnauthorized, msgBlocked)
	if cookie(resp, idp.SessionCookie) != nil {
		t.Error("session cookie set")
	}
}

func TestLoginTooManyAttempts(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	e.tenant(func(t *idp.Tenant) { t.BruteForce.MaxAttempts = 3 })
	tx := e.newTx()
	for range 3 {
		resp, body := e.post("/u/login", loginValues(tx, "ana@example.com", "Wrong-Horse-1"))
		wantPage(t, resp, body, http.StatusUnauthorized, msgWrongCredentials)
	}
	resp, body := e.post("/u/login", loginValues(tx, "ana@example.com", testPassword))
	wantPage(t, resp, body, http.StatusTooManyRequests,
		"Your account has been blocked after multiple consecutive login attempts. We&#39;ve sent you a notification")
}

func TestLoginConnectionNotEnabled(t *testing.T) {
	e := newEnv(t)
	other := idp.Connection{ID: idp.NewConnectionID(), Name: "other-db", Strategy: "auth0"}
	must(t, e.store.CreateConnection(e.ctx, other))
	tx := e.newTx(func(tx *idp.Transaction) { tx.Connection = "other-db" })
	resp, body := e.get("/u/login?state=" + tx.ID)
	wantPage(t, resp, body, http.StatusBadRequest, "Sign-in unavailable")
	tx = e.newTx(func(tx *idp.Transaction) { tx.Connection = "missing" })
	resp, body = e.get("/u/login?state=" + tx.ID)
	wantPage(t, resp, body, http.StatusBadRequest, "Sign-in unavailable")
}

func TestExpiredState(t *testing.T) {
	e := newEnv(t)
	expired := e.newTx(func(tx *idp.Transaction) { tx.ExpiresAt = time.Now().Add(-time.Second) })
	gone := e.newTx(func(tx *idp.Transaction) { tx.ClientID = "deleted-client" })
	for _, path := range []string{
		"/u/login", "/u/login?state=", "/u/login?state=nope", "/u/login?state=" + expired.ID,
		"/u/login?state=" + gone.ID, "/u/signup?state=nope", "/u/login?state=" + strings.Repeat("x", 5000),
	} {
		resp, body := e.get(path)
		wantPage(t, resp, body, http.StatusBadRequest,
			"This sign-in link has expired. Go back to the application and try again.")
	}
	resp, body := e.post("/u/login", loginValues(expired, "ana@example.com", testPassword))
	wantPage(t, resp, body, http.StatusBadRequest, "This sign-in link has expired.")
}

// With InsecureCookies (plain-HTTP development) the cookies lose Secure
// and the __Host- prefix, and the session falls back to SameSite=Lax.
func TestInsecureCookies(t *testing.T) {
	e := newEnv(t)
	e.h.InsecureCookies = true
	e.addUser("ana@example.com")
	tx := e.newTx()
	resp, body := e.get("/u/login?state=" + tx.ID)
	csrf := cookie(resp, "gatehouse_csrf")
	if csrf == nil || csrf.Secure || !csrf.HttpOnly || csrf.SameSite != http.SameSiteStrictMode {
		t.Fatalf("CSRF cookie %+v", csrf)
	}
	form := loginValues(tx, "ana@example.com", testPassword)
	form.Set(csrfField, hiddenValue(body, csrfField))
	resp, _ = e.do(e.client, http.MethodPost, "/u/login", form)
	sc := cookie(resp, idp.SessionCookie)
	if resp.StatusCode != http.StatusSeeOther || sc == nil || sc.Secure || sc.SameSite != http.SameSiteLaxMode || !sc.HttpOnly {
		t.Fatalf("status %d, session cookie %+v", resp.StatusCode, sc)
	}
}

// When every hashing slot is taken, a sign-in is refused at once with a
// 503 and a retry message, not queued.
func TestLoginOverloaded(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	e.h.Users = authn.New(e.store, authn.Options{Issuer: e.srv.URL + "/", HashConcurrency: 1, HashWait: time.Nanosecond})
	tx := e.newTx()
	token := e.csrfCookie()
	type answer struct {
		resp *http.Response
		body string
	}
	answers := make(chan answer, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			form := loginValues(tx, "ana@example.com", testPassword)
			form.Set(csrfField, token)
			resp, body := e.do(e.client, http.MethodPost, "/u/login", form)
			answers <- answer{resp, body}
		})
	}
	wg.Wait()
	close(answers)
	busy := 0
	for a := range answers {
		if a.resp.StatusCode == http.StatusServiceUnavailable {
			busy++
			wantPage(t, a.resp, a.body, 503, msgBusy)
			if a.resp.Header.Get("Retry-After") != "5" {
				t.Errorf("Retry-After %q", a.resp.Header.Get("Retry-After"))
			}
		}
	}
	if busy == 0 {
		t.Error("no sign-in was refused as busy")
	}
}
