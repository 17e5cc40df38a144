package authn

import (
	"context"
	"net/url"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const msgBadTicket = "The password reset link is invalid or has expired."

// RequestPasswordReset mails a reset link to the user of connection whose
// email is email. It answers nil whether or not that user exists, and
// whether or not the mail could be sent (failures are logged), so that
// callers cannot learn which emails are registered. Bad input (missing
// fields, unknown connection, connection not enabled for a given
// clientID) is a *Refusal.
func (s *Service) RequestPasswordReset(ctx context.Context, clientID, connection, email string) error {
	if email == "" {
		return refusef(ReasonParameter, "Missing required parameter: email")
	}
	if connection == "" {
		return refusef(ReasonParameter, "Missing required parameter: connection")
	}
	conn, err := s.connection(ctx, connection)
	if err != nil {
		return err
	}
	if clientID != "" && !conn.EnabledFor(clientID) {
		return refusef(ReasonConnection, "The connection is not enabled for this client.")
	}
	if len(email) > maxEmail {
		return nil
	}
	u, err := s.store.GetUserByEmail(ctx, conn.Name, idp.NormalizeEmail(email))
	if idp.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	s.sendReset(ctx, u)
	return nil
}

// sendReset mails u a link to the reset page.
func (s *Service) sendReset(ctx context.Context, u idp.User) {
	ticket := s.resetTicket(u.ID, u.PasswordHash, s.now().Add(ticketLifetime))
	link := s.issuer + "lo/reset?ticket=" + url.QueryEscape(ticket)
	if s.mailer == nil {
		s.log.Warn("password reset mail dropped: no mailer configured", "user_id", u.ID)
		return
	}
	err := s.mailer.Send(ctx, Message{To: u.Email, Subject: "Reset your password", Text: resetText(link)})
	if err != nil {
		s.log.Error("password reset mail failed", "user_id", u.ID, "err", err)
	}
}

func resetText(link string) string {
	return "Hello,\n\n" +
		"Someone asked to reset the password of your account. To choose a new\n" +
		"password, open this link within 24 hours:\n\n" + link + "\n\n" +
		"If you did not ask for this, ignore this email: your password stays as it is.\n"
}

// ResetPassword sets the password of the ticket's user to newPassword,
// which must pass the connection's policy (an *idp.PasswordError if not).
// In one transaction it also clears every brute-force counter of the user
// (lifting blocks) and revokes the user's refresh tokens. The ticket then
// no longer works. A bad, expired or used ticket is a *Refusal.
func (s *Service) ResetPassword(ctx context.Context, ticket, newPassword string) (idp.User, error) {
	u, err := s.ticketUser(ctx, ticket)
	if err != nil {
		return idp.User{}, err
	}
	conn, err := s.connection(ctx, u.Connection)
	if err != nil {
		return idp.User{}, err
	}
	if perr := idp.CheckPassword(conn.Options, newPassword); perr != nil {
		return idp.User{}, perr
	}
	hash, err := s.pool.hash(ctx, newPassword)
	if err != nil {
		return idp.User{}, err
	}
	return s.storeReset(ctx, u, hash)
}

// ticketUser returns the user a valid, unexpired ticket is for.
func (s *Service) ticketUser(ctx context.Context, ticket string) (idp.User, error) {
	t, ok := parseTicket(ticket)
	if !ok || !s.now().Before(t.expires) {
		return idp.User{}, refusef(ReasonTicket, msgBadTicket)
	}
	u, err := s.store.GetUser(ctx, t.userID)
	if idp.IsNotFound(err) || err == nil && !s.validTicket(t, u.PasswordHash) {
		return idp.User{}, refusef(ReasonTicket, msgBadTicket)
	}
	return u, err
}

// storeReset writes the new hash if the old one is still in place (two
// concurrent uses of one ticket: one wins), then unblocks and revokes.
func (s *Service) storeReset(ctx context.Context, u idp.User, hash string) (idp.User, error) {
	now := s.now()
	var out idp.User
	err := s.store.Atomic(ctx, func(tx idp.Store) error {
		var err error
		out, err = tx.UpdateUser(ctx, u.ID, func(v *idp.User) error {
			if v.PasswordHash != u.PasswordHash {
				return refusef(ReasonTicket, msgBadTicket)
			}
			v.PasswordHash, v.LastPasswordReset, v.UpdatedAt = hash, now, now
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.ClearLoginFailures(ctx, u.ID, ""); err != nil {
			return err
		}
		return tx.RevokeUserRefreshTokens(ctx, u.ID)
	})
	return out, err
}
