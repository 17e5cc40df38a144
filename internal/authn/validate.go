package authn

import (
	"maps"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Limits on signup input. The user_metadata ones are Auth0's (contract
// §5.1); the profile ones are the Management API's documented maxima.
const (
	maxEmail         = 254 // RFC 5321's path limit
	maxMetadataProps = 10
	maxMetadataName  = 100
	maxMetadataValue = 500
	maxGivenName     = 150
	maxFamilyName    = 150
	maxName          = 300
	maxNickname      = 300
	maxPicture       = 2048
	defaultUserMin   = 1
	defaultUserMax   = 15
)

// validateSignup checks everything but the password policy.
func validateSignup(o idp.ConnectionOptions, in SignupInput) error {
	if in.Email == "" {
		return refusef(ReasonParameter, "Missing required parameter: email")
	}
	if in.Password == "" {
		return refusef(ReasonParameter, "Missing required parameter: password")
	}
	if !validEmail(strings.TrimSpace(in.Email)) {
		return refusef(ReasonParameter, "The email address is not valid.")
	}
	if err := validateUsername(o, in.Username); err != nil {
		return err
	}
	if err := validateProfile(in); err != nil {
		return err
	}
	return validateMetadata(in.UserMetadata)
}

// validEmail accepts a bare address (no display name) that net/mail parses.
func validEmail(email string) bool {
	if len(email) > maxEmail {
		return false
	}
	a, err := mail.ParseAddress(email)
	return err == nil && a.Address == email && a.Name == ""
}

func validateUsername(o idp.ConnectionOptions, username string) error {
	if !o.RequiresUsername {
		if username != "" {
			return refusef(ReasonParameter, "Cannot set username for connection without requires_username")
		}
		return nil
	}
	min, max := o.UsernameMin, o.UsernameMax
	if min <= 0 {
		min = defaultUserMin
	}
	if max <= 0 {
		max = defaultUserMax
	}
	n := utf8.RuneCountInString(username)
	if username == "" {
		return refusef(ReasonParameter, "Missing required parameter: username")
	}
	if n < min || n > max || !validUsernameChars(username) {
		return refusef(ReasonParameter, "The username must have %d to %d characters: letters, digits or _+-.!#$'^`~@", min, max)
	}
	return nil
}

// validUsernameChars allows what Auth0 allows in usernames.
func validUsernameChars(s string) bool {
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("_+-.!#$'^`~@", r)
		if !ok {
			return false
		}
	}
	return true
}

func validateProfile(in SignupInput) error {
	fields := []struct {
		name, value string
		max         int
	}{
		{"given_name", in.GivenName, maxGivenName}, {"family_name", in.FamilyName, maxFamilyName},
		{"name", in.Name, maxName}, {"nickname", in.Nickname, maxNickname},
		{"picture", in.Picture, maxPicture},
	}
	for _, f := range fields {
		if utf8.RuneCountInString(f.value) > f.max || !utf8.ValidString(f.value) {
			return refusef(ReasonParameter, "%s must be at most %d characters.", f.name, f.max)
		}
	}
	if in.Picture != "" && !validPicture(in.Picture) {
		return refusef(ReasonParameter, "picture must be an http or https URL.")
	}
	return nil
}

func validPicture(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

func validateMetadata(md map[string]any) error {
	if len(md) > maxMetadataProps {
		return refusef(ReasonParameter, "user_metadata may have at most %d properties.", maxMetadataProps)
	}
	for k, v := range md {
		s, ok := v.(string)
		switch {
		case k == "" || utf8.RuneCountInString(k) > maxMetadataName:
			return refusef(ReasonParameter, "user_metadata property names must have 1 to %d characters.", maxMetadataName)
		case !ok:
			return refusef(ReasonParameter, "user_metadata values must be strings.")
		case utf8.RuneCountInString(s) > maxMetadataValue:
			return refusef(ReasonParameter, "user_metadata values must be at most %d characters.", maxMetadataValue)
		}
	}
	return nil
}

// newUser builds the stored user, with Auth0's profile defaults (§10.5).
func newUser(connection string, in SignupInput, hash string, now time.Time) idp.User {
	u := idp.User{
		ID: idp.NewUserID(), Connection: connection, Email: idp.NormalizeEmail(in.Email),
		EmailVerified: in.EmailVerified, Username: in.Username, PasswordHash: hash,
		GivenName: in.GivenName, FamilyName: in.FamilyName, Name: in.Name,
		Nickname: in.Nickname, Picture: in.Picture, UserMetadata: maps.Clone(in.UserMetadata),
		CreatedAt: now, UpdatedAt: now,
	}
	u.ApplyProfileDefaults()
	return u
}
