package oauth

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// accessClaims is an access token's claim set (§10.2), in the order of
// Auth0's tokens. The Auth0 dialects carry azp and gty, the RFC 9068 ones
// client_id and jti instead.
type accessClaims struct {
	Iss         string   `json:"iss"`
	Sub         string   `json:"sub"`
	Aud         audience `json:"aud"`
	Iat         int64    `json:"iat"`
	Exp         int64    `json:"exp"`
	Jti         string   `json:"jti,omitempty"`
	ClientID    string   `json:"client_id,omitempty"`
	Azp         string   `json:"azp,omitempty"`
	Scope       string   `json:"scope,omitempty"`
	Gty         string   `json:"gty,omitempty"`
	Permissions []string `json:"permissions,omitzero"` // [] when the user has none
}

// audience marshals as a string when it holds one value, as Auth0's
// single-audience tokens do, and as an array otherwise.
type audience []string

// MarshalJSON implements json.Marshaler.
func (a audience) MarshalJSON() ([]byte, error) {
	if len(a) == 1 {
		return json.Marshal(a[0])
	}
	return json.Marshal([]string(a))
}

// profileClaims are the user claims of ID tokens and /userinfo, chosen
// by scope (§6, §10.3).
type profileClaims struct {
	GivenName     string `json:"given_name,omitempty"`
	FamilyName    string `json:"family_name,omitempty"`
	Nickname      string `json:"nickname,omitempty"`
	Name          string `json:"name,omitempty"`
	Picture       string `json:"picture,omitempty"`
	UpdatedAt     string `json:"updated_at,omitempty"`
	Email         string `json:"email,omitempty"`
	EmailVerified *bool  `json:"email_verified,omitempty"`
}

// idClaims is an ID token's claim set (§10.3).
type idClaims struct {
	profileClaims
	Iss string `json:"iss"`
	Sub string `json:"sub"`
	Aud string `json:"aud"`
	Iat int64  `json:"iat"`
	Exp int64  `json:"exp"`

	AtHash   string `json:"at_hash,omitempty"`
	CHash    string `json:"c_hash,omitempty"`
	Sid      string `json:"sid,omitempty"`
	AuthTime int64  `json:"auth_time,omitempty"`
	Nonce    string `json:"nonce,omitempty"`
}

// userinfoClaims is the /userinfo body (§6).
type userinfoClaims struct {
	Sub string `json:"sub"`
	profileClaims
}

// isoTime is Auth0's timestamp format: ISO 8601, milliseconds, UTC.
const isoTime = "2006-01-02T15:04:05.000Z"

// profileOf returns u's claims that scopes allow, with Auth0's defaults
// for database users (§10.5) filled in.
func profileOf(u idp.User, scopes []string) profileClaims {
	u.ApplyProfileDefaults()
	var p profileClaims
	if slices.Contains(scopes, scopeProfile) {
		p.GivenName, p.FamilyName, p.Nickname = u.GivenName, u.FamilyName, u.Nickname
		p.Name, p.Picture, p.UpdatedAt = u.Name, u.Picture, isoString(u.UpdatedAt)
	}
	if slices.Contains(scopes, scopeEmail) && u.Email != "" {
		verified := u.EmailVerified
		p.Email, p.EmailVerified = u.Email, &verified
	}
	return p
}

func isoString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(isoTime)
}
