package authn

import (
	"cmp"
	"context"
	"errors"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// maxIdentifier bounds the username or email of a login; longer ones match
// nobody and are not looked up.
const maxIdentifier = 320

// Messages of Login's errors, as Auth0 words them (contract §3.6).
const (
	msgWrongCredentials = "Wrong email or password."
	msgBlocked          = "user is blocked"
	msgTooManyAttempts  = "Your account has been blocked after multiple consecutive login attempts. " +
		"We've sent you a notification via your preferred contact method with instructions on how to unblock it."
)

// Login checks a password for the user of connection whose email or
// username is username, from ip, and returns the user with its login
// recorded. Errors: EInvalid (unknown connection), EUnauthorized (wrong
// password or unknown user, alike in message and timing), ETooManyAttempts
// (the IP throttled after too many failed logins, checked before anything
// is looked up; or the brute-force block of the user and IP, checked
// before the password so a right password does not lift it), EBlocked
// (blocked by an administrator), EUnavailable (hashing overloaded).
func (s *Service) Login(ctx context.Context, connection, username, password, ip string) (idp.User, error) {
	conn, err := s.connection(ctx, connection)
	if err != nil {
		return idp.User{}, err
	}
	th, err := s.newThrottle(ctx, stageLogin, ip)
	if err != nil {
		return idp.User{}, err
	}
	if refused, err := th.refused(ctx); err != nil || refused {
		return idp.User{}, cmp.Or(err, errSuspicious())
	}
	u, err := s.login(ctx, conn, username, password, ip)
	if idp.ErrorCode(err) == idp.EUnauthorized {
		if ok, terr := th.take(ctx); terr != nil || !ok {
			return idp.User{}, cmp.Or(terr, errSuspicious())
		}
	}
	return u, err
}

// login checks the password of a user found by username, behind the
// brute-force guard of that user and IP.
func (s *Service) login(ctx context.Context, conn idp.Connection, username, password, ip string) (idp.User, error) {
	u, err := s.findLoginUser(ctx, conn.Name, username)
	if idp.IsNotFound(err) || err == nil && u.PasswordHash == "" {
		return idp.User{}, s.refuseUnknown(ctx, password)
	}
	if err != nil {
		return idp.User{}, err
	}
	g, err := s.newGuard(ctx, conn, u.ID, ip)
	if err != nil {
		return idp.User{}, err
	}
	if g.blocked() {
		return idp.User{}, idp.Errorf(idp.ETooManyAttempts, msgTooManyAttempts)
	}
	return s.checkPassword(ctx, g, u, password, ip)
}

// checkPassword verifies the password of a found user, counts a failure
// or records the login.
func (s *Service) checkPassword(ctx context.Context, g *guard, u idp.User, password, ip string) (idp.User, error) {
	ok, err := s.pool.verify(ctx, u.PasswordHash, password)
	if errors.Is(err, errBadHash) {
		s.log.Error("stored password hash is unusable", "user_id", u.ID)
		return idp.User{}, idp.Errorf(idp.EInternal, "Internal error.")
	}
	if err != nil {
		return idp.User{}, err
	}
	if !ok {
		if err := g.fail(ctx); err != nil {
			return idp.User{}, err
		}
		return idp.User{}, idp.Errorf(idp.EUnauthorized, msgWrongCredentials)
	}
	if u.Blocked {
		return idp.User{}, idp.Errorf(idp.EBlocked, msgBlocked)
	}
	if err := g.succeed(ctx); err != nil {
		return idp.User{}, err
	}
	return s.recordLogin(ctx, u, password, ip)
}

// refuseUnknown spends one verification, as for a real user, and refuses.
// No counter is created: there is nothing to block and nothing to probe.
func (s *Service) refuseUnknown(ctx context.Context, password string) error {
	if _, err := s.pool.verify(ctx, dummyHash, password); err != nil {
		return err
	}
	return idp.Errorf(idp.EUnauthorized, msgWrongCredentials)
}

// findLoginUser looks username up as an email when it has an "@", then
// as a username (Auth0 usernames may contain "@").
func (s *Service) findLoginUser(ctx context.Context, connection, username string) (idp.User, error) {
	if username == "" || len(username) > maxIdentifier {
		return idp.User{}, idp.Errorf(idp.ENotFound, "user not found")
	}
	if strings.Contains(username, "@") {
		u, err := s.store.GetUserByEmail(ctx, connection, idp.NormalizeEmail(username))
		if !idp.IsNotFound(err) {
			return u, err
		}
	}
	return s.store.GetUserByUsername(ctx, connection, username)
}

// recordLogin stores the login in one update, and replaces an imported
// bcrypt hash (or old argon2id parameters) by a fresh argon2id hash.
func (s *Service) recordLogin(ctx context.Context, u idp.User, password, ip string) (idp.User, error) {
	rehash := ""
	if needsRehash(u.PasswordHash) {
		h, err := s.pool.hash(ctx, password)
		if err != nil {
			s.log.Info("password rehash postponed", "user_id", u.ID, "reason", err)
		}
		rehash = h
	}
	now := s.now()
	return s.store.UpdateUser(ctx, u.ID, func(v *idp.User) error {
		v.LastLogin, v.LastIP, v.UpdatedAt = now, ip, now
		v.LoginsCount++
		if rehash != "" && v.PasswordHash == u.PasswordHash {
			v.PasswordHash = rehash // unless a reset raced us
		}
		return nil
	})
}

// connection returns the database connection named name; an unknown name
// is bad input.
func (s *Service) connection(ctx context.Context, name string) (idp.Connection, error) {
	c, err := s.store.GetConnectionByName(ctx, name)
	if idp.IsNotFound(err) || err == nil && c.Strategy != "" && c.Strategy != "auth0" {
		return c, refusef(ReasonConnection, "The connection does not exist.")
	}
	return c, err
}
