package keys

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// MinMasterLen is the shortest master secret NewCipher accepts.
const MinMasterLen = 16

// signingKeysInfo is the HKDF info for the key that seals signing keys.
// Changing it makes every stored key unreadable.
const signingKeysInfo = "gatehouse signing keys v1"

// ErrOpen reports sealed data that does not decrypt: the master secret is
// not the one the data was sealed with, or the data is corrupted.
var ErrOpen = errors.New("wrong master secret or corrupted data")

// Cipher seals private keys with AES-256-GCM. It is safe for concurrent use.
type Cipher struct {
	aead cipher.AEAD
}

// NewCipher returns a Cipher whose key is derived from master with HKDF.
func NewCipher(master []byte) (*Cipher, error) {
	if len(master) < MinMasterLen {
		return nil, idp.Errorf(idp.EInvalid, "master secret must be at least %d bytes", MinMasterLen)
	}
	block, err := aes.NewCipher(DeriveKey(master, signingKeysInfo))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Cipher{aead: aead}, nil
}

// DeriveKey returns a 32-byte key for purpose, derived from master with
// HKDF-SHA256, so one master secret yields independent keys per use.
func DeriveKey(master []byte, purpose string) []byte {
	k, err := hkdf.Key(sha256.New, master, nil, purpose, 32)
	if err != nil {
		panic("keys: hkdf: " + err.Error()) // only for lengths > 255*32
	}
	return k
}

// Seal encrypts plain; the random nonce is prefixed to the result.
func (c *Cipher) Seal(plain []byte) []byte {
	nonce := make([]byte, c.aead.NonceSize(), c.aead.NonceSize()+len(plain)+c.aead.Overhead())
	rand.Read(nonce)
	return c.aead.Seal(nonce, nonce, plain, nil)
}

// Open decrypts what Seal returned. Any failure is ErrOpen.
func (c *Cipher) Open(sealed []byte) ([]byte, error) {
	n := c.aead.NonceSize()
	if len(sealed) < n+c.aead.Overhead() {
		return nil, ErrOpen
	}
	plain, err := c.aead.Open(nil, sealed[:n], sealed[n:], nil)
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}
