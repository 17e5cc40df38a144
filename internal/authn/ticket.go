package authn

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// ticketLifetime is how long a password-reset link works.
const ticketLifetime = 24 * time.Hour

// maxTicket bounds a ticket before any work is done on it.
const maxTicket = 512

// Reset tickets are stateless: userID.expiry.mac, where the MAC also
// covers a fingerprint of the user's current password hash. Nothing is
// stored, yet a ticket dies once it has been used, because the hash it was
// bound to is replaced (with a fresh salt) by the reset itself.
var b64url = base64.RawURLEncoding

// resetTicket returns a ticket for the user whose hash is passwordHash.
func (s *Service) resetTicket(userID, passwordHash string, expires time.Time) string {
	exp := strconv.FormatInt(expires.Unix(), 10)
	return b64url.EncodeToString([]byte(userID)) + "." + exp + "." +
		b64url.EncodeToString(s.ticketMAC(userID, exp, passwordHash))
}

// ticketMAC is HMAC-SHA256(ResetKey) over a purpose label, the user id,
// the expiry and SHA-256 of the password hash.
func (s *Service) ticketMAC(userID, exp, passwordHash string) []byte {
	fp := sha256.Sum256([]byte(passwordHash))
	m := hmac.New(sha256.New, s.resetKey)
	m.Write([]byte("gatehouse password reset\x00" + userID + "\x00" + exp + "\x00"))
	m.Write(fp[:])
	return m.Sum(nil)
}

// parsedTicket is a ticket's fields before its MAC is checked.
type parsedTicket struct {
	userID, exp string
	expires     time.Time
	mac         []byte
}

func parseTicket(ticket string) (parsedTicket, bool) {
	var t parsedTicket
	parts := strings.Split(ticket, ".")
	if len(ticket) > maxTicket || len(parts) != 3 {
		return t, false
	}
	id, err1 := b64url.DecodeString(parts[0])
	unix, err2 := strconv.ParseInt(parts[1], 10, 64)
	mac, err3 := b64url.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || len(mac) != sha256.Size {
		return t, false
	}
	t = parsedTicket{userID: string(id), exp: parts[1], expires: time.Unix(unix, 0), mac: mac}
	return t, true
}

// validTicket checks t's MAC, in constant time, against the user's hash.
func (s *Service) validTicket(t parsedTicket, passwordHash string) bool {
	return hmac.Equal(t.mac, s.ticketMAC(t.userID, t.exp, passwordHash))
}
