package authn

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// ticketFrom returns the ticket of the reset link in m.
func ticketFrom(t *testing.T, m Message) string {
	t.Helper()
	i := strings.Index(m.Text, testIssuer+"lo/reset?ticket=")
	if i < 0 {
		t.Fatalf("no reset link in %q", m.Text)
	}
	link, _, _ := strings.Cut(m.Text[i:], "\n")
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("ticket")
}

func (e *env) requestReset(email string) string {
	e.t.Helper()
	before := len(e.sent())
	if err := e.svc.RequestPasswordReset(e.ctx, testClient, e.conn.Name, email); err != nil {
		e.t.Fatal(err)
	}
	mails := e.sent()
	if len(mails) != before+1 || mails[len(mails)-1].To != email {
		e.t.Fatalf("mails %+v", mails)
	}
	return ticketFrom(e.t, mails[len(mails)-1])
}

func TestResetUnknownEmailSendsNothing(t *testing.T) {
	e := newEnv(t)
	for _, email := range []string{"nobody@example.com", "not an email", strings.Repeat("a", 400)} {
		if err := e.svc.RequestPasswordReset(e.ctx, "", e.conn.Name, email); err != nil {
			t.Fatalf("%q: %v", email, err)
		}
	}
	if len(e.sent()) != 0 {
		t.Fatalf("mails sent: %+v", e.sent())
	}
}

func TestResetRequestRefusals(t *testing.T) {
	e := newEnv(t)
	wantReason(t, e.svc.RequestPasswordReset(e.ctx, "", e.conn.Name, ""), ReasonParameter)
	wantReason(t, e.svc.RequestPasswordReset(e.ctx, "", "", "a@example.com"), ReasonParameter)
	wantReason(t, e.svc.RequestPasswordReset(e.ctx, "", "nope", "a@example.com"), ReasonConnection)
	wantReason(t, e.svc.RequestPasswordReset(e.ctx, "other-client", e.conn.Name, "a@example.com"), ReasonConnection)
}

func TestResetPassword(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	rt := idp.RefreshToken{ID: "rt1", Hash: idp.TokenHash("rt"), FamilyID: "f1", ClientID: testClient,
		UserID: u.ID, CreatedAt: e.clock()}
	if err := e.store.CreateRefreshToken(e.ctx, rt); err != nil {
		t.Fatal(err)
	}
	ticket := e.requestReset("ana@example.com")

	_, err := e.svc.ResetPassword(e.ctx, ticket, "weak")
	var perr *idp.PasswordError
	if !errors.As(err, &perr) {
		t.Fatalf("weak password: %v", err)
	}
	got, err := e.svc.ResetPassword(e.ctx, ticket, "New-Password-2")
	if err != nil {
		t.Fatal(err)
	}
	if !got.LastPasswordReset.Equal(e.clock()) || got.PasswordHash == u.PasswordHash {
		t.Fatalf("user after reset %+v", got)
	}
	if stored, _ := e.store.GetRefreshToken(e.ctx, rt.Hash); !stored.Revoked {
		t.Error("refresh token survived the reset")
	}
	_, err = e.svc.ResetPassword(e.ctx, ticket, "Another-Password-3")
	wantReason(t, err, ReasonTicket) // single use
	_, err = e.login("ana@example.com", testPassword, "192.0.2.1")
	wantCode(t, err, idp.EUnauthorized)
	if _, err := e.login("ana@example.com", "New-Password-2", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
}

func TestResetTicketRefusals(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	ticket := e.requestReset("ana@example.com")
	id, rest, _ := strings.Cut(ticket, ".")
	exp, mac, _ := strings.Cut(rest, ".")
	other := New(e.store, Options{Now: e.clock, ResetKey: []byte("another-key-another-key-another!")})
	forged := b64url.EncodeToString([]byte("auth0|000000000000000000000000")) + "." + exp + "." + mac
	later := id + "." + "99999999999" + "." + mac
	for name, tk := range map[string]string{
		"empty": "", "garbage": "x.y.z", "forged user": forged, "extended expiry": later,
		"flipped mac": ticket[:len(ticket)-2] + "AA", "huge": strings.Repeat("a", 10000),
	} {
		_, err := e.svc.ResetPassword(e.ctx, tk, "New-Password-2")
		t.Run(name, func(t *testing.T) { wantReason(t, err, ReasonTicket) })
	}
	_, err := other.ResetPassword(e.ctx, ticket, "New-Password-2")
	wantReason(t, err, ReasonTicket) // another key
	e.advance(24*time.Hour + time.Second)
	_, err = e.svc.ResetPassword(e.ctx, ticket, "New-Password-2")
	wantReason(t, err, ReasonTicket) // expired
}

func TestResetMailFailureIsSilent(t *testing.T) {
	e := newEnv(t, func(o *Options) {
		o.Mailer = MailerFunc(func(context.Context, Message) error { return errors.New("smtp down") })
	})
	e.addUser("ana@example.com")
	if err := e.svc.RequestPasswordReset(e.ctx, "", e.conn.Name, "ana@example.com"); err != nil {
		t.Fatalf("a failed mail told the caller: %v", err)
	}
}
