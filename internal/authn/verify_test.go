package authn

import (
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// verifyTicketFrom returns the ticket of the verification link in m.
func verifyTicketFrom(t *testing.T, m Message) string {
	t.Helper()
	i := strings.Index(m.Text, testIssuer+"lo/verify_email?ticket=")
	if i < 0 || m.Subject != "Verify your email" {
		t.Fatalf("no verification link in %+v", m)
	}
	link, _, _ := strings.Cut(m.Text[i:], "\n")
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("ticket")
}

func TestVerifyEmail(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	if err := e.svc.SendVerification(e.ctx, u); err != nil {
		t.Fatal(err)
	}
	mails := e.sent()
	if len(mails) != 1 || mails[0].To != "ana@example.com" {
		t.Fatalf("mails %+v", mails)
	}
	ticket := verifyTicketFrom(t, mails[0])
	for range 2 { // a second use is harmless
		got, err := e.svc.VerifyEmail(e.ctx, ticket)
		if err != nil || !got.EmailVerified || got.ID != u.ID {
			t.Fatalf("VerifyEmail = %+v, %v", got, err)
		}
	}
	stored, _ := e.store.GetUser(e.ctx, u.ID)
	if !stored.EmailVerified {
		t.Error("not stored")
	}
	if err := e.svc.SendVerification(e.ctx, stored); err != nil || len(e.sent()) != 1 {
		t.Errorf("verified user mailed again: %v, %d", err, len(e.sent()))
	}
}

func TestVerifyEmailRefusals(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	e.svc.SendVerification(e.ctx, u)
	ticket := verifyTicketFrom(t, e.sent()[0])
	resetTicket := e.requestReset("ana@example.com")
	parts := strings.Split(ticket, ".")
	forged := parts[0] + "." + parts[1] + "9." + parts[2]
	for name, bad := range map[string]string{
		"empty": "", "garbage": "x.y.z", "reset ticket": resetTicket, "forged expiry": forged,
		"long": strings.Repeat("a", 2000),
	} {
		if _, err := e.svc.VerifyEmail(e.ctx, bad); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			wantReason(t, err, ReasonTicket)
		}
	}
	e.advance(verifyLifetime)
	_, err := e.svc.VerifyEmail(e.ctx, ticket)
	wantReason(t, err, ReasonTicket)
}

func TestVerifyEmailDiesWithAddressChange(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	e.svc.SendVerification(e.ctx, u)
	ticket := verifyTicketFrom(t, e.sent()[0])
	_, err := e.store.UpdateUser(e.ctx, u.ID, func(v *idp.User) error {
		v.Email = "ana2@example.com"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.VerifyEmail(e.ctx, ticket)
	wantReason(t, err, ReasonTicket)
}

func TestCheckResetTicket(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	ticket := e.requestReset("ana@example.com")
	got, err := e.svc.CheckResetTicket(e.ctx, ticket)
	if err != nil || got.ID != u.ID {
		t.Fatalf("CheckResetTicket = %+v, %v", got, err)
	}
	if _, err := e.svc.ResetPassword(e.ctx, ticket, "New-Password-2"); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.CheckResetTicket(e.ctx, ticket)
	wantReason(t, err, ReasonTicket)
	_, err = e.svc.CheckResetTicket(e.ctx, "nope")
	wantReason(t, err, ReasonTicket)
}
