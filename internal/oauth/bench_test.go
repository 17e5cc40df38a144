package oauth

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkClientCredentials is the hot path in process: parse, one store
// read each for client, API and client grant, one RS256 signature. Compare
// its ns/op with BenchmarkRawRS256 from the same run.
func BenchmarkClientCredentials(b *testing.B) {
	f := newFixture(b)
	body := form("grant_type", "client_credentials", "client_id", m2mID,
		"client_secret", m2mSecret, "audience", apiAud).Encode()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/oauth/token", strings.NewReader(body))
		req.Header.Set("Content-Type", formType)
		w := httptest.NewRecorder()
		f.mux.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}

// BenchmarkRawRS256 is the ceiling: one bare RSA-2048 PKCS#1 v1.5 signature.
func BenchmarkRawRS256(b *testing.B) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	must(b, err)
	digest := sha256.Sum256([]byte("header.payload"))
	for b.Loop() {
		if _, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, digest[:]); err != nil {
			b.Fatal(err)
		}
	}
}
