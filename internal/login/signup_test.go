package login

import (
	"io"
	"mime/quotedprintable"
	"net/http"
	netmail "net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func signupValues(tx idp.Transaction, email, password string) url.Values {
	return url.Values{"state": {tx.ID}, "email": {email}, "password": {password}}
}

func TestSignupShowsPolicy(t *testing.T) {
	e := newEnv(t)
	tx := e.newTx(func(tx *idp.Transaction) { tx.LoginHint = "new@example.com" })
	resp, body := e.get("/u/signup?state=" + tx.ID)
	wantPage(t, resp, body, 200, "Create your account", `value="new@example.com"`,
		`autocomplete="new-password"`, `aria-describedby="password-rules"`,
		"At least 8 characters in length", "Contain at least 3 of the following 4 types of characters:",
		"<li>lower case letters (a-z)", "special characters (e.g. !@#$%^&amp;*)")
}

func TestSignupWeakPasswordMarksRules(t *testing.T) {
	e := newEnv(t)
	resp, body := e.post("/u/signup", signupValues(e.newTx(), "new@example.com", "abcdefgh"))
	wantPage(t, resp, body, http.StatusBadRequest, msgWeakPassword,
		`aria-describedby="password-error password-rules"`,
		`<li class="met"><span class="sr-only">Met: </span>At least 8 characters in length`,
		`<li class="unmet"><span class="sr-only">Not met: </span>Contain at least 3`,
		`<li class="met"><span class="sr-only">Met: </span>lower case letters (a-z)`,
		`<li class="unmet"><span class="sr-only">Not met: </span>upper case letters (A-Z)`,
		`value="new@example.com"`)
	if _, err := e.store.GetUserByEmail(e.ctx, e.conn.Name, "new@example.com"); !idp.IsNotFound(err) {
		t.Errorf("user stored: %v", err)
	}
}

func TestSignupBadEmail(t *testing.T) {
	e := newEnv(t)
	resp, body := e.post("/u/signup", signupValues(e.newTx(), "not-an-email", testPassword))
	wantPage(t, resp, body, http.StatusBadRequest, `id="email-error"`, "The email address is not valid.")
}

func TestSignupDuplicateIsGeneric(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	resp, body := e.post("/u/signup", signupValues(e.newTx(), "ana@example.com", testPassword))
	wantPage(t, resp, body, http.StatusBadRequest, "Invalid sign up.")
	if strings.Contains(body, "exists") {
		t.Error("the page says the user exists")
	}
	e.tenant(func(t *idp.Tenant) { t.Flags[userExistsFlag] = true })
	resp, body = e.post("/u/signup", signupValues(e.newTx(), "ana@example.com", testPassword))
	wantPage(t, resp, body, http.StatusBadRequest, msgUserExists)
}

func TestSignupDisabled(t *testing.T) {
	e := newEnv(t)
	_, err := e.store.UpdateConnection(e.ctx, e.conn.ID, func(c *idp.Connection) error {
		c.Options.DisableSignup = true
		return nil
	})
	must(t, err)
	tx := e.newTx()
	resp, body := e.get("/u/signup?state=" + tx.ID)
	wantPage(t, resp, body, http.StatusForbidden, "Sign-up unavailable")
	resp, body = e.post("/u/signup", signupValues(tx, "new@example.com", testPassword))
	wantPage(t, resp, body, http.StatusForbidden, "Sign-up unavailable")
	_, body = e.get("/u/login?state=" + tx.ID)
	if strings.Contains(body, "/u/signup") {
		t.Error("the sign-in page offers signup")
	}
}

func TestSignupRequiresUsername(t *testing.T) {
	e := newEnv(t)
	_, err := e.store.UpdateConnection(e.ctx, e.conn.ID, func(c *idp.Connection) error {
		c.Options.RequiresUsername = true
		return nil
	})
	must(t, err)
	tx := e.newTx()
	_, body := e.get("/u/signup?state=" + tx.ID)
	wantPage(t, &http.Response{StatusCode: 200}, body, 200, `id="username"`, `autocomplete="email"`)
	form := signupValues(tx, "new@example.com", testPassword)
	resp, body := e.post("/u/signup", form)
	wantPage(t, resp, body, http.StatusBadRequest, "Choose a username.")
	form.Set("username", "newbie")
	resp, body = e.post("/u/signup", form)
	wantPage(t, resp, body, http.StatusSeeOther)
	u, err := e.store.GetUserByUsername(e.ctx, e.conn.Name, "newbie")
	if err != nil || u.Email != "new@example.com" {
		t.Fatalf("user %+v, %v", u, err)
	}
	_, body = e.get("/u/login?state=" + tx.ID)
	wantPage(t, &http.Response{StatusCode: 200}, body, 200, "Email or username", `type="text"`)
}

func TestSignupSignsInAndVerifiesEmail(t *testing.T) {
	e := newEnv(t)
	tx := e.newTx()
	resp, body := e.post("/u/signup", signupValues(tx, " New@Example.com ", testPassword))
	wantPage(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/authorize/resume?state="+tx.ID {
		t.Errorf("Location %q", loc)
	}
	u, err := e.store.GetUserByEmail(e.ctx, e.conn.Name, "new@example.com")
	must(t, err)
	if u.EmailVerified {
		t.Error("verified before the link was followed")
	}
	got, _ := e.store.GetTransaction(e.ctx, tx.ID, time.Now())
	if got.UserID != u.ID || cookie(resp, idp.SessionCookie) == nil {
		t.Errorf("not signed in: %+v", got)
	}

	link := linkIn(t, e.onlyMail(t, "new@example.com", "Verify your email"), "/lo/verify_email?ticket=")
	resp, body = e.get(link)
	wantPage(t, resp, body, 200, "Email verified", "new@example.com is verified")
	u, _ = e.store.GetUser(e.ctx, u.ID)
	if !u.EmailVerified {
		t.Error("email not verified")
	}
	resp, body = e.get("/lo/verify_email?ticket=" + url.QueryEscape("a.1.b"))
	wantPage(t, resp, body, http.StatusBadRequest, "This verification link is invalid or has expired.")
}

// onlyMail reads the mailbox's one .eml file as a mail client would and
// returns its decoded text.
func (e *env) onlyMail(t *testing.T, to, subject string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(e.boxDir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("mailbox holds %v", files)
	}
	f, err := os.Open(files[0])
	must(t, err)
	defer f.Close()
	msg, err := netmail.ReadMessage(f)
	must(t, err)
	if msg.Header.Get("To") != "<"+to+">" || msg.Header.Get("Subject") != subject {
		t.Fatalf("mail header %v", msg.Header)
	}
	text, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	must(t, err)
	return string(text)
}

// linkIn returns the path and query of the link in text whose path
// starts with prefix, checking it points at the test server.
func linkIn(t *testing.T, text, prefix string) string {
	t.Helper()
	m := regexp.MustCompile(`https?://\S+` + regexp.QuoteMeta(prefix) + `\S+`).FindString(text)
	u, err := url.Parse(m)
	if m == "" || err != nil {
		t.Fatalf("no %s link in %q", prefix, text)
	}
	return u.RequestURI()
}
