package idp

import (
	"crypto/rand"
	"encoding/hex"
)

// alphabet for Auth0-style opaque ids (client ids, kids, role ids).
const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// RandomString returns n characters drawn uniformly from [a-zA-Z0-9].
func RandomString(n int) string {
	b := make([]byte, n)
	out := make([]byte, n)
	for i := 0; i < n; {
		rand.Read(b)
		for _, c := range b {
			// 62*4 = 248: reject 248..255 to stay uniform.
			if c < 248 && i < n {
				out[i] = alphabet[c%62]
				i++
			}
		}
	}
	return string(out)
}

// RandomHex returns n random bytes as 2n hex characters.
func RandomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// NewUserID returns a database user id, "auth0|" and 24 hex characters.
func NewUserID() string { return "auth0|" + RandomHex(12) }

// NewClientID returns a 32-character client id, as Auth0 issues.
func NewClientID() string { return RandomString(32) }

// NewClientSecret returns a 64-character secret (~380 bits of entropy).
func NewClientSecret() string { return RandomString(64) }

// NewResourceServerID returns a 24-hex resource server id.
func NewResourceServerID() string { return RandomHex(12) }

// NewClientGrantID returns a "cgr_" id.
func NewClientGrantID() string { return "cgr_" + RandomString(16) }

// NewRoleID returns a "rol_" id.
func NewRoleID() string { return "rol_" + RandomString(16) }

// NewConnectionID returns a "con_" id.
func NewConnectionID() string { return "con_" + RandomString(16) }

// NewKeyID returns a 21-character kid, the shape of new Auth0 tenants' kids.
func NewKeyID() string { return RandomString(21) }
