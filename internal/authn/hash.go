package authn

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
)

// Argon2id parameters for new hashes: OWASP's minimum (19 MiB, 2 passes,
// 1 lane), which keeps a verification near 20-40 ms on one core.
const (
	argonMemory  = 19456 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// Bounds on stored hashes, so an imported or tampered hash cannot make one
// verification take minutes or gigabytes.
const (
	maxArgonMemory = 256 << 10 // KiB
	maxArgonTime   = 10
	maxBcryptCost  = 16
)

// dummyHash is verified for unknown users so that a login for an email
// that does not exist costs the same as a wrong password. Nobody knows
// its password: it was made from random bytes and thrown away.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$cZCXlE5p3nX/X/BRuos4Ag$4QUupTkv3XTBDvgaS/j3HvaCmaqOtY1lemRKgnc+dVA"

var errBadHash = errors.New("authn: unsupported or malformed password hash")

// hashArgon2id returns the PHC string of password under the current
// parameters: $argon2id$v=19$m=19456,t=2,p=1$salt$hash.
func hashArgon2id(password string) string {
	salt := make([]byte, argonSaltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// b64 is the PHC string format's base64: standard alphabet, no padding.
var b64 = base64.RawStdEncoding

// verifyHash reports whether password matches hash, an argon2id PHC string
// or an imported bcrypt hash. A malformed hash is an error, not a mismatch.
func verifyHash(hash, password string) (bool, error) {
	if isBcrypt(hash) {
		return verifyBcrypt(hash, password)
	}
	p, err := parseArgon2id(hash)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

func isBcrypt(hash string) bool {
	return strings.HasPrefix(hash, "$2a$") || strings.HasPrefix(hash, "$2b$") ||
		strings.HasPrefix(hash, "$2y$")
}

// verifyBcrypt checks an imported hash. Like the systems that made them,
// bcrypt reads only the first 72 bytes of the password.
func verifyBcrypt(hash, password string) (bool, error) {
	cost, err := bcrypt.Cost([]byte(hash))
	if err != nil || cost > maxBcryptCost {
		return false, errBadHash
	}
	err = bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	if errors.Is(err, bcrypt.ErrMismatchedHashAndPassword) {
		return false, nil
	}
	return err == nil, err
}

// needsRehash reports whether hash should be replaced by a fresh argon2id
// hash after a successful login: imported bcrypt, or older parameters.
func needsRehash(hash string) bool {
	p, err := parseArgon2id(hash)
	return err != nil || p.memory != argonMemory || p.time != argonTime ||
		p.threads != argonThreads || len(p.key) != argonKeyLen
}

// argonParams is a parsed argon2id PHC string.
type argonParams struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

func parseArgon2id(hash string) (argonParams, error) {
	var p argonParams
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" ||
		parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return p, errBadHash
	}
	var threads uint32
	_, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &threads)
	if err != nil || fmt.Sprintf("m=%d,t=%d,p=%d", p.memory, p.time, threads) != parts[3] {
		return p, errBadHash
	}
	p.threads = uint8(threads)
	p.salt, err = b64.DecodeString(strings.TrimRight(parts[4], "="))
	if err != nil {
		return p, errBadHash
	}
	p.key, err = b64.DecodeString(strings.TrimRight(parts[5], "="))
	if err != nil || !p.sane(threads) {
		return p, errBadHash
	}
	return p, nil
}

func (p argonParams) sane(threads uint32) bool {
	return p.memory >= 8*threads && p.memory <= maxArgonMemory && p.time >= 1 &&
		p.time <= maxArgonTime && threads >= 1 && threads <= 16 &&
		len(p.salt) >= 8 && len(p.key) >= 16 && len(p.key) <= 64
}
