package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

var benchPayload = []byte(`{"iss":"https://tenant.example.com/","sub":"client@clients","aud":"https://api.example.com","iat":1700000000,"exp":1700086400,"gty":"client-credentials","azp":"client"}`)

// BenchmarkSignRS256 is the token endpoint's signing path.
func BenchmarkSignRS256(b *testing.B) {
	m := loaded(b, openStore(b), newClock())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Sign("RS256", TypeJWT, benchPayload); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawRS256 signs the same bytes with the same key directly: the
// floor BenchmarkSignRS256 is measured against.
func BenchmarkRawRS256(b *testing.B) {
	s := openStore(b)
	m := loaded(b, s, newClock())
	key := rawKey(b, m, s, "RS256").(*rsa.PrivateKey)
	input := []byte(`eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMzQ1Njc4OTAxMjM0NTY3ODkwMSIsInR5cCI6IkpXVCJ9.` + string(benchPayload))
	b.ReportAllocs()
	for b.Loop() {
		h := sha256.Sum256(input)
		if _, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, h[:]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignES256 is the same path for ES256.
func BenchmarkSignES256(b *testing.B) {
	m := loaded(b, openStore(b), newClock())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Sign("ES256", TypeJWT, benchPayload); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawES256 is the floor for BenchmarkSignES256.
func BenchmarkRawES256(b *testing.B) {
	s := openStore(b)
	m := loaded(b, s, newClock())
	key := rawKey(b, m, s, "ES256").(*ecdsa.PrivateKey)
	input := []byte(`eyJhbGciOiJFUzI1NiIsImtpZCI6IjEyMzQ1Njc4OTAxMjM0NTY3ODkwMSIsInR5cCI6IkpXVCJ9.` + string(benchPayload))
	b.ReportAllocs()
	for b.Loop() {
		h := sha256.Sum256(input)
		if _, _, err := ecdsa.Sign(rand.Reader, key, h[:]); err != nil {
			b.Fatal(err)
		}
	}
}

// rawKey decrypts and parses the current key for alg as the Manager does.
func rawKey(b *testing.B, m *Manager, s idp.SigningKeyStore, alg string) crypto.Signer {
	b.Helper()
	for _, k := range storeKeys(b, s) {
		if k.Alg != alg || k.State != idp.KeyCurrent {
			continue
		}
		der, err := m.c.Open(k.PrivateKey)
		if err != nil {
			b.Fatal(err)
		}
		cert, err := x509.ParseCertificate(k.Cert)
		if err != nil {
			b.Fatal(err)
		}
		priv, err := parsePrivateKey(der, cert)
		if err != nil {
			b.Fatal(err)
		}
		return priv
	}
	b.Fatalf("no current %s key", alg)
	return nil
}
