package keys

import (
	"crypto/sha1"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"
)

// TestJWKSShape checks each key carries what Auth0's JWKS carries (contract
// §2.2), read as plain JSON rather than through go-jose.
func TestJWKSShape(t *testing.T) {
	clk := newClock()
	m := loaded(t, openStore(t), clk)
	var doc struct {
		Keys []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal(m.JWKS(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Keys) != 2 {
		t.Fatalf("JWKS has %d keys, want 2: %s", len(doc.Keys), m.JWKS())
	}
	for _, k := range doc.Keys {
		checkJWK(t, k, clk.Now())
	}
}

func checkJWK(t *testing.T, k map[string]any, now time.Time) {
	t.Helper()
	want := map[string][]string{"RS256": {"kty", "use", "alg", "kid", "n", "e", "x5c", "x5t"},
		"ES256": {"kty", "use", "alg", "kid", "crv", "x", "y", "x5c", "x5t"}}
	fields, ok := want[str(k["alg"])]
	if !ok || len(k) != len(fields) {
		t.Fatalf("key %v: want exactly %v", k, fields)
	}
	for _, f := range fields {
		if k[f] == nil {
			t.Errorf("key %s: no %s", k["kid"], f)
		}
	}
	if k["use"] != "sig" || (k["alg"] == "RS256") != (k["kty"] == "RSA") {
		t.Errorf("key %s: use %v kty %v", k["kid"], k["use"], k["kty"])
	}
	checkCert(t, k, now)
}

func checkCert(t *testing.T, k map[string]any, now time.Time) {
	t.Helper()
	x5c, _ := k["x5c"].([]any)
	if len(x5c) != 1 {
		t.Fatalf("x5c = %v, want one certificate", k["x5c"])
	}
	der, err := base64.StdEncoding.DecodeString(str(x5c[0]))
	if err != nil {
		t.Fatalf("x5c not standard base64: %v", err)
	}
	sum := sha1.Sum(der)
	if got := str(k["x5t"]); got != base64.RawURLEncoding.EncodeToString(sum[:]) {
		t.Errorf("x5t %s is not base64url SHA-1 of the x5c DER", got)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	years := cert.NotAfter.Sub(now).Hours() / 24 / 365
	if cert.Subject.CommonName != testHost || !cert.IsCA || years < 13 || years > 15 {
		t.Errorf("cert CN %q CA %v valid %.1f years", cert.Subject.CommonName, cert.IsCA, years)
	}
	if err := cert.CheckSignatureFrom(cert); err != nil {
		t.Errorf("cert not self-signed: %v", err)
	}
}

func str(v any) string { s, _ := v.(string); return s }
