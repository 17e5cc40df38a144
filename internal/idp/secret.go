package idp

import (
	"crypto/hmac"
	"crypto/sha256"
)

// SecretHasher turns high-entropy client secrets into keyed hashes, so a
// stolen database does not reveal them while the check stays a single
// HMAC-SHA256 (microseconds) on the token endpoint's hot path. A password
// hash would cap client_credentials at a few hundred tokens a second.
type SecretHasher struct {
	key []byte
}

// NewSecretHasher returns a hasher keyed with key (32 bytes or more).
func NewSecretHasher(key []byte) *SecretHasher { return &SecretHasher{key: key} }

// Hash returns HMAC-SHA256(key, secret).
func (h *SecretHasher) Hash(secret string) []byte {
	m := hmac.New(sha256.New, h.key)
	m.Write([]byte(secret))
	return m.Sum(nil)
}

// Equal reports, in constant time, whether secret hashes to want.
func (h *SecretHasher) Equal(secret string, want []byte) bool {
	return len(want) > 0 && hmac.Equal(h.Hash(secret), want)
}

// TokenHash returns SHA-256 of a random bearer value (refresh token,
// authorization code) for lookup; such values carry enough entropy that no
// key is needed.
func TokenHash(token string) []byte {
	s := sha256.Sum256([]byte(token))
	return s[:]
}
