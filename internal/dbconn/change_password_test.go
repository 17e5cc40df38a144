package dbconn

import (
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestChangePasswordAnswersAlike(t *testing.T) {
	e := newEnv(t)
	if r := e.postJSON("/dbconnections/signup", signupBody(nil)); r.status != 200 {
		t.Fatalf("signup: %d %s", r.status, r.body)
	}
	known := e.postJSON("/dbconnections/change_password", map[string]string{
		"client_id": client, "email": "ana@example.com", "connection": idp.DefaultConnection})
	if e.sent() != 1 {
		t.Fatalf("%d mails for a known user", e.sent())
	}
	unknown := e.postJSON("/dbconnections/change_password", map[string]string{
		"client_id": client, "email": "nobody@example.com", "connection": idp.DefaultConnection})
	if e.sent() != 1 {
		t.Fatalf("a mail went to an unknown user")
	}
	for _, r := range []response{known, unknown} {
		if r.status != 200 || r.body != "We've just sent you an email to reset your password." ||
			r.ctype != "text/html; charset=utf-8" {
			t.Fatalf("%d %q %q", r.status, r.ctype, r.body)
		}
	}
}

func TestChangePasswordForm(t *testing.T) {
	e := newEnv(t)
	r := e.post("/dbconnections/change_password", "application/x-www-form-urlencoded",
		form(map[string]string{"email": "x@example.com", "connection": idp.DefaultConnection}))
	if r.status != 200 || !strings.HasPrefix(r.body, "We've just sent") {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

func TestChangePasswordBadInput(t *testing.T) {
	e := newEnv(t)
	familyB(t, e.postJSON("/dbconnections/change_password", map[string]string{"connection": idp.DefaultConnection}),
		400, "invalid_parameter")
	familyB(t, e.postJSON("/dbconnections/change_password", map[string]string{"email": "a@example.com"}),
		400, "invalid_parameter")
	familyB(t, e.postJSON("/dbconnections/change_password", map[string]string{"email": "a@example.com", "connection": "nope"}),
		400, "invalid_connection")
	familyB(t, e.post("/dbconnections/change_password", "application/json", "{"), 400, "invalid_body")
	familyB(t, e.post("/dbconnections/change_password", "text/plain", "x"), 415, "unsupported_media_type")
}

func TestRoutesAcceptOnlyPost(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/dbconnections/signup", "/dbconnections/change_password"} {
		res, err := e.srv.Client().Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 405 {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
	}
}
