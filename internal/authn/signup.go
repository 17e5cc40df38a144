package authn

import (
	"cmp"
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// SignupInput is a new database user, as /dbconnections/signup receives it
// (contract §5.1).
type SignupInput struct {
	ClientID      string // Signup only: the connection must be enabled for it
	Connection    string
	Email         string
	Password      string
	Username      string // only, and then required, when the connection requires usernames
	GivenName     string
	FamilyName    string
	Name          string
	Nickname      string
	Picture       string
	UserMetadata  map[string]any // ≤ 10 properties, names ≤ 100, string values ≤ 500 characters
	EmailVerified bool           // CreateUser only; a public signup is never verified
	IP            string         // Signup only: the client's address, for suspicious-IP throttling
}

// Signup creates a user for a public signup: the connection must exist, be
// enabled for in.ClientID and allow signups; the input must pass
// validation and the password policy (an *idp.PasswordError in the chain).
// A taken email or username is EConflict; an IP past its signup attempts
// (suspicious-IP throttling) is ETooManyAttempts. Nothing is stored on
// failure.
func (s *Service) Signup(ctx context.Context, in SignupInput) (idp.User, error) {
	if in.ClientID == "" {
		return idp.User{}, refusef(ReasonParameter, "Missing required parameter: client_id")
	}
	conn, err := s.signupConnection(ctx, in.Connection)
	if err != nil {
		return idp.User{}, err
	}
	if !conn.EnabledFor(in.ClientID) {
		return idp.User{}, refusef(ReasonConnection, "The connection is not enabled for this client.")
	}
	if conn.Options.DisableSignup {
		return idp.User{}, refusef(ReasonSignupDisabled, "Public signup is disabled for this connection.")
	}
	if err := validateSignup(conn.Options, in); err != nil {
		return idp.User{}, err
	}
	if err := s.takeSignupAttempt(ctx, in.IP); err != nil {
		return idp.User{}, err
	}
	in.EmailVerified = false
	return s.create(ctx, conn, in)
}

// takeSignupAttempt draws on the IP's signup bucket: every well-formed
// attempt counts, whether it then succeeds or not (a weak password, a
// taken email), a malformed one does not (contract §12.2).
func (s *Service) takeSignupAttempt(ctx context.Context, ip string) error {
	th, err := s.newThrottle(ctx, stageSignup, ip)
	if err != nil {
		return err
	}
	if ok, err := th.take(ctx); err != nil || !ok {
		return cmp.Or(err, errSuspicious())
	}
	return nil
}

// CreateUser creates a user as an administrator would (the CLI's "users
// create"): the rules of Signup except the client and disable_signup.
func (s *Service) CreateUser(ctx context.Context, in SignupInput) (idp.User, error) {
	conn, err := s.signupConnection(ctx, in.Connection)
	if err != nil {
		return idp.User{}, err
	}
	return s.create(ctx, conn, in)
}

func (s *Service) signupConnection(ctx context.Context, name string) (idp.Connection, error) {
	if name == "" {
		return idp.Connection{}, refusef(ReasonParameter, "Missing required parameter: connection")
	}
	return s.connection(ctx, name)
}

// create validates in, hashes the password and stores the user in one
// write. (Signup has validated in already; doing it again costs nothing.)
func (s *Service) create(ctx context.Context, conn idp.Connection, in SignupInput) (idp.User, error) {
	if err := validateSignup(conn.Options, in); err != nil {
		return idp.User{}, err
	}
	if perr := idp.CheckPassword(conn.Options, in.Password); perr != nil {
		return idp.User{}, perr
	}
	hash, err := s.pool.hash(ctx, in.Password)
	if err != nil {
		return idp.User{}, err
	}
	u := newUser(conn.Name, in, hash, s.now())
	if err := s.store.CreateUser(ctx, u); err != nil {
		return idp.User{}, err
	}
	return u, nil
}
