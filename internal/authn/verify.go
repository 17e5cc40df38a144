package authn

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"net/url"
	"strconv"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// verifyLifetime is how long an email-verification link works: Auth0's
// default URL lifetime for verification emails, 5 days.
const verifyLifetime = 5 * 24 * time.Hour

const msgBadVerifyTicket = "The verification link is invalid or has expired."

// Verification tickets have the reset tickets' shape (userID.expiry.mac)
// but a MAC with another purpose label, bound to the email address: a
// reset ticket never verifies an email, and a link sent to an old address
// dies when the address changes. Verifying twice is harmless, so the
// ticket is not single-use.

// SendVerification mails u a link that verifies its email address. A user
// already verified gets nothing. Without a mailer the mail is logged as
// dropped and SendVerification returns nil.
func (s *Service) SendVerification(ctx context.Context, u idp.User) error {
	if u.EmailVerified || u.Email == "" {
		return nil
	}
	ticket := s.verifyTicket(u.ID, u.Email, s.now().Add(verifyLifetime))
	link := s.issuer + "lo/verify_email?ticket=" + url.QueryEscape(ticket)
	if s.mailer == nil {
		s.log.Warn("verification mail dropped: no mailer configured", "user_id", u.ID)
		return nil
	}
	return s.mailer.Send(ctx, Message{To: u.Email, Subject: "Verify your email", Text: verifyText(link)})
}

func verifyText(link string) string {
	return "Hello,\n\n" +
		"Please confirm that this is your email address by opening this link\n" +
		"within 5 days:\n\n" + link + "\n\n" +
		"If you did not create an account, ignore this email.\n"
}

// VerifyEmail marks the email of the ticket's user verified and returns
// the user. A bad or expired ticket, or one sent to an address the user
// no longer has, is a *Refusal with ReasonTicket.
func (s *Service) VerifyEmail(ctx context.Context, ticket string) (idp.User, error) {
	t, ok := parseTicket(ticket)
	if !ok || !s.now().Before(t.expires) {
		return idp.User{}, refusef(ReasonTicket, msgBadVerifyTicket)
	}
	u, err := s.store.GetUser(ctx, t.userID)
	if idp.IsNotFound(err) || err == nil && !hmac.Equal(t.mac, s.verifyMAC(t.userID, t.exp, u.Email)) {
		return idp.User{}, refusef(ReasonTicket, msgBadVerifyTicket)
	}
	if err != nil || u.EmailVerified {
		return u, err
	}
	now := s.now()
	return s.store.UpdateUser(ctx, u.ID, func(v *idp.User) error {
		if v.Email != u.Email {
			return refusef(ReasonTicket, msgBadVerifyTicket) // changed meanwhile
		}
		v.EmailVerified, v.UpdatedAt = true, now
		return nil
	})
}

func (s *Service) verifyTicket(userID, email string, expires time.Time) string {
	exp := strconv.FormatInt(expires.Unix(), 10)
	return b64url.EncodeToString([]byte(userID)) + "." + exp + "." +
		b64url.EncodeToString(s.verifyMAC(userID, exp, email))
}

// verifyMAC is HMAC-SHA256(ResetKey) over its own purpose label, the user
// id, the expiry and the normalised email.
func (s *Service) verifyMAC(userID, exp, email string) []byte {
	m := hmac.New(sha256.New, s.resetKey)
	m.Write([]byte("gatehouse email verification\x00" + userID + "\x00" + exp + "\x00"))
	m.Write([]byte(idp.NormalizeEmail(email)))
	return m.Sum(nil)
}

// CheckResetTicket returns the user a password-reset ticket is for, without
// using it, so a reset page can show the policy of the user's connection
// before a new password is typed. Errors are those of ResetPassword.
func (s *Service) CheckResetTicket(ctx context.Context, ticket string) (idp.User, error) {
	return s.ticketUser(ctx, ticket)
}
