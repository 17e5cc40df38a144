package keys

import (
	"bytes"
	"errors"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

var master = []byte("0123456789abcdef0123456789abcdef")

func TestCipherRoundTrip(t *testing.T) {
	c := mustCipher(t, master)
	sealed := c.Seal([]byte("private key"))
	if bytes.Contains(sealed, []byte("private key")) {
		t.Fatal("sealed data holds the plaintext")
	}
	if again := c.Seal([]byte("private key")); bytes.Equal(again, sealed) {
		t.Fatal("two seals are equal: nonce not random")
	}
	got, err := c.Open(sealed)
	if err != nil || string(got) != "private key" {
		t.Fatalf("Open = %q, %v", got, err)
	}
}

func TestCipherRejects(t *testing.T) {
	c := mustCipher(t, master)
	sealed := c.Seal([]byte("private key"))
	tampered := append([]byte(nil), sealed...)
	tampered[len(tampered)-1] ^= 1
	other := mustCipher(t, []byte("another master secret, 32 bytes"))
	for name, in := range map[string][]byte{
		"tampered": tampered, "short": sealed[:10], "empty": nil,
	} {
		if _, err := c.Open(in); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: err = %v, want ErrOpen", name, err)
		}
	}
	if _, err := other.Open(sealed); !errors.Is(err, ErrOpen) {
		t.Errorf("other master: err = %v, want ErrOpen", err)
	}
}

func TestNewCipherShortMaster(t *testing.T) {
	_, err := NewCipher([]byte("short"))
	if idp.ErrorCode(err) != idp.EInvalid {
		t.Fatalf("err = %v, want EInvalid", err)
	}
}

func TestDeriveKey(t *testing.T) {
	a, b := DeriveKey(master, "client secrets"), DeriveKey(master, "client secrets")
	if len(a) != 32 || !bytes.Equal(a, b) {
		t.Fatalf("DeriveKey not a stable 32-byte key: %x %x", a, b)
	}
	if bytes.Equal(a, DeriveKey(master, signingKeysInfo)) {
		t.Fatal("different purposes give the same key")
	}
}

func mustCipher(t testing.TB, m []byte) *Cipher {
	t.Helper()
	c, err := NewCipher(m)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
