package login

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestResetRequestSamePageForAnyEmail(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	tx := e.newTx()
	resp, body := e.get("/u/reset-password?state=" + tx.ID)
	wantPage(t, resp, body, 200, "Forgot your password?", "Back to sign in")
	known, knownBody := e.post("/u/reset-password", url.Values{"state": {tx.ID}, "email": {"ana@example.com"}})
	unknown, unknownBody := e.post("/u/reset-password", url.Values{"state": {tx.ID}, "email": {"bob@example.com"}})
	wantPage(t, known, knownBody, 200, "Check your email", "If an account exists for ana@example.com")
	wantPage(t, unknown, unknownBody, 200)
	if strings.Replace(unknownBody, "bob@", "ana@", 1) != knownBody {
		t.Errorf("pages differ:\n%s\n----\n%s", knownBody, unknownBody)
	}
	resp, body = e.post("/u/reset-password", url.Values{"email": {""}})
	wantPage(t, resp, body, http.StatusBadRequest, "Enter your email address.")
}

func TestResetWithoutState(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	for _, path := range []string{"/u/reset-password", "/u/reset-password?state=expired"} {
		resp, body := e.get(path)
		wantPage(t, resp, body, 200, "Forgot your password?")
		if strings.Contains(body, "Back to sign in") || strings.Contains(body, `name="state"`) {
			t.Errorf("%s: links to a sign-in that does not exist", path)
		}
	}
	resp, body := e.post("/u/reset-password", url.Values{"email": {"ana@example.com"}})
	wantPage(t, resp, body, 200, "Check your email")
	e.onlyMail(t, "ana@example.com", "Reset your password")
}

func TestResetEndToEnd(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	login, _ := e.post("/u/login", loginValues(e.newTx(), "ana@example.com", testPassword))
	old := cookie(login, idp.SessionCookie)
	e.post("/u/reset-password", url.Values{"email": {"Ana@example.com"}})
	link := linkIn(t, e.onlyMail(t, "ana@example.com", "Reset your password"), "/lo/reset?ticket=")

	resp, body := e.get(link)
	wantPage(t, resp, body, 200, "Reset your password", `value="ana@example.com"`, "readonly",
		`autocomplete="new-password"`, "At least 8 characters in length")
	ticket := hiddenValue(body, "ticket")
	form := url.Values{"ticket": {ticket}, "password": {"New-Password-2"}, "confirm": {"New-Password-3"}}
	resp, body = e.post("/lo/reset", form)
	wantPage(t, resp, body, http.StatusBadRequest, msgMismatch, `aria-describedby="confirm-error"`)
	form.Set("password", "weak")
	form.Set("confirm", "weak")
	resp, body = e.post("/lo/reset", form)
	wantPage(t, resp, body, http.StatusBadRequest, msgWeakPassword, `class="unmet"`)
	form.Set("password", "New-Password-2")
	form.Set("confirm", "New-Password-2")
	resp, body = e.post("/lo/reset", form)
	wantPage(t, resp, body, 200, "Password changed", "ana@example.com")

	if _, err := e.store.GetSession(e.ctx, idp.TokenHash(old.Value), time.Now()); !idp.IsNotFound(err) {
		t.Errorf("old session survived the reset: %v", err)
	}
	resp, _ = e.post("/u/login", loginValues(e.newTx(), "ana@example.com", "New-Password-2"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", resp.StatusCode)
	}
	for _, path := range []string{link, "/lo/reset", "/lo/reset?ticket=garbage"} {
		resp, body = e.get(path)
		wantPage(t, resp, body, http.StatusBadRequest, "This password reset link is invalid")
	}
	resp, body = e.post("/lo/reset", form)
	wantPage(t, resp, body, http.StatusBadRequest, "This password reset link is invalid")
}
