package idp

import (
	"crypto/md5"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
)

// User is a database-connection user.
type User struct {
	ID                string // "auth0|<24 hex>"
	Connection        string // connection name, e.g. Username-Password-Authentication
	Email             string // normalised with NormalizeEmail; unique per connection
	EmailVerified     bool
	Username          string // optional; unique per connection when set
	PasswordHash      string // PHC string: $argon2id$… or $2a$/$2b$… (imported bcrypt)
	GivenName         string
	FamilyName        string
	Name              string
	Nickname          string
	Picture           string
	UserMetadata      map[string]any
	AppMetadata       map[string]any
	Blocked           bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
	LastLogin         time.Time // zero until the first login
	LastIP            string
	LoginsCount       int
	LastPasswordReset time.Time // zero until a reset
}

// NormalizeEmail returns the address trimmed and lower-cased, the form in
// which uniqueness is checked.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// LocalID returns the 24-hex part of an "auth0|…" id, Auth0's "_id".
func (u *User) LocalID() string {
	_, id, ok := strings.Cut(u.ID, "|")
	if !ok {
		return u.ID
	}
	return id
}

// ApplyProfileDefaults fills name, nickname and picture the way Auth0 does
// for database users (contract §10.5) where they are empty.
func (u *User) ApplyProfileDefaults() {
	if u.Name == "" {
		u.Name = u.Email
	}
	if u.Nickname == "" {
		u.Nickname = u.Username
		if u.Nickname == "" {
			u.Nickname, _, _ = strings.Cut(u.Email, "@")
		}
	}
	if u.Picture == "" && u.Email != "" {
		u.Picture = gravatar(u.Email)
	}
}

func gravatar(email string) string {
	sum := md5.Sum([]byte(email))
	initials := strings.ToLower(email)
	if len(initials) > 2 {
		initials = initials[:2]
	}
	fallback := "https://cdn.auth0.com/avatars/" + initials + ".png"
	return "https://s.gravatar.com/avatar/" + hex.EncodeToString(sum[:]) +
		"?s=480&r=pg&d=" + url.QueryEscape(fallback)
}

// UserPage is one page of a user listing.
type UserPage struct {
	Users []User
	Total int
}
