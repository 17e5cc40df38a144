package jwtauth_test

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// TestAttacks runs issue 4's "Attacks refused" list, plus the tokens that
// must still pass, against one issuer. Leeway is the default 30 s.
func TestAttacks(t *testing.T) {
	good := jwtauthtest.NewRSAKey("good-rsa")
	ec := jwtauthtest.NewECKey("good-ec")
	evil := jwtauthtest.NewRSAKey("evil")
	srv := newServer(t, good, ec)
	other := newServer(t, jwtauthtest.NewRSAKey("good-rsa")) // same kid, other issuer
	clk := newClock()
	v := newValidator(t, srv, clk, func(c *jwtauth.Config) {
		c.Algorithms = []string{"RS256", "PS256", "ES256"}
	})
	now := clk.Now()
	tok := func() *jwtauthtest.Builder { return srv.Token().At(now) }
	sign := func(b *jwtauthtest.Builder) string { return b.MustSign() }
	valid := sign(tok())
	head, body, sig := split(valid)

	tests := []struct {
		name  string
		token string
		want  string // part of the error description; "" for success
	}{
		{"good RS256", valid, ""},
		{"good ES256", sign(tok().SignedBy(ec)), ""},
		{"typ at+jwt", sign(tok().Type("at+jwt")), ""},
		{"typ application/at+jwt", sign(tok().Type("application/at+jwt")), ""},
		{"no typ", sign(tok().Type("")), ""},
		{"machine token", sign(tok().ClientCredentials("m2m-client").Scope("read:x")), ""},
		{"audience array holding ours", sign(tok().Audience("https://other.example/", jwtauthtest.DefaultAudience)), ""},
		{"expired within leeway", sign(tok().ExpiresAt(now.Add(-20 * time.Second))), ""},
		{"nbf within leeway", sign(tok().NotBefore(now.Add(20 * time.Second))), ""},
		{"iat within leeway", sign(tok().IssuedAt(now.Add(20 * time.Second))), ""},

		{"alg none", tok().SignNone(), "algorithm not allowed"},
		{"alg none, signature kept", strings.TrimSuffix(tok().SignNone(), ".") + "." + sig, "algorithm not allowed"},
		{"HS256 keyed with the RSA public key PEM", tok().SignHMAC(jose.HS256, good.PublicKeyPEM()), "algorithm not allowed"},
		{"HS256 keyed with the RSA public key DER", tok().SignHMAC(jose.HS256, good.PublicKeyDER()), "algorithm not allowed"},
		{"HS512 keyed with the RSA public key PEM", tok().SignHMAC(jose.HS512, good.PublicKeyPEM()), "algorithm not allowed"},
		{"alg outside the allow-list (RS384)", sign(tok().Algorithm(jose.RS384)), "algorithm not allowed"},
		{"alg the JWK does not state (PS256 on an RS256 key)", sign(tok().Algorithm(jose.PS256)), "key does not match"},
		{"kid unknown", sign(tok().SignedBy(evil)), "unknown key id"},
		{"kid of another key (RSA-signed, EC kid)", sign(tok().KeyID("good-ec")), "key does not match"},
		{"kid of our key, signed by another", sign(tok().SignedBy(evil).KeyID("good-rsa")), "signature verification failed"},
		{"kid with path characters", sign(tok().SignedBy(evil).KeyID("../../../../dev/null")), "unknown key id"},
		{"kid with SQL characters", sign(tok().SignedBy(evil).KeyID("x' OR '1'='1'; --")), "unknown key id"},
		{"kid missing, several keys published", sign(tok().KeyID("")), "no key id"},
		{"jku to the attacker's keys", sign(tok().SignedBy(evil).Header("jku", "https://evil.example/jwks.json")), "jku"},
		{"jku on a token we signed", sign(tok().Header("jku", srv.JWKSURL())), "jku"},
		{"x5u to the attacker's certificate", sign(tok().SignedBy(evil).Header("x5u", "https://evil.example/cert.pem")), "x5u"},
		{"jwk embedded, attacker's key", sign(tok().SignedBy(evil).EmbedJWK()), "(jwk)"},
		{"x5c embedded, attacker's certificate", sign(tok().SignedBy(evil).Header("x5c", []string{selfSigned(t, evil)})), "(x5c)"},
		{"crit header", sign(tok().Header("crit", []string{"exp"})), "crit"},
		{"crit b64=false (RFC 7797)", sign(tok().Header("crit", []string{"b64"}).Header("b64", false)), "is not accepted"},
		{"cty JWT (nested token)", sign(tok().Header("cty", "JWT")), "cty"},
		{"typ id_token", sign(tok().Type("id_token")), "not an access token"},
		{"typ JOSE", sign(tok().Type("JOSE")), "not an access token"},
		{"expired", sign(tok().ExpiresAt(now.Add(-time.Minute))), "token expired"},
		{"exp missing", sign(tok().Without("exp")), "no expiry"},
		{"exp under another case (EXP)", sign(tok().Without("exp").Claim("EXP", now.Add(time.Hour).Unix())), "no expiry"},
		{"exp not a number", sign(tok().Claim("exp", "tomorrow")), "claims are malformed"},
		{"nbf in the future", sign(tok().NotBefore(now.Add(time.Minute))), "not valid yet"},
		{"iat in the future", sign(tok().IssuedAt(now.Add(time.Minute))), "issued in the future"},
		{"wrong issuer", sign(tok().Issuer("https://evil.example/")), "wrong issuer"},
		{"issuer without its trailing slash", sign(tok().Issuer(strings.TrimSuffix(srv.Issuer(), "/"))), "wrong issuer"},
		{"issuer missing", sign(tok().Without("iss")), "wrong issuer"},
		{"wrong audience", sign(tok().Audience("https://other.example/")), "wrong audience"},
		{"audience array without ours", sign(tok().Audience("https://a.example/", "https://b.example/")), "wrong audience"},
		{"audience missing", sign(tok().Without("aud")), "wrong audience"},
		{"ID token: aud is the client id", sign(tok().Audience(jwtauthtest.DefaultClientID).Claim("nonce", "n-0S6")), "wrong audience"},
		{"ID token with our audience and a nonce", sign(tok().Claim("nonce", "n-0S6")), "ID token"},
		{"ID token with our audience and at_hash", sign(tok().Claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ")), "ID token"},
		{"other issuer, same kid", sign(other.Token().At(now)), "signature verification failed"},
		{"other issuer, same kid, our iss", sign(other.Token().At(now).Issuer(srv.Issuer())), "signature verification failed"},
		{"claims not JSON", sign(tok().Payload([]byte("not json"))), "not a valid JSON"},
		{"claims JSON null", sign(tok().Payload([]byte("null"))), "not a valid JSON object"},
		{"issuer not a string", sign(tok().Claim("iss", 42)), "claims are malformed"},
		{"a claim named twice", sign(tok().Payload([]byte(`{"iss":"https://evil.example/","aud":"` + jwtauthtest.DefaultAudience + `","exp":9999999999,"iss":"` + srv.Issuer() + `"}`))), "named twice"},
		{"a header parameter named twice", base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","kid":"other","kid":"`+srv.Key().ID+`"}`)) + "." + body + "." + sig, "named twice"},
		{"exp not finite", sign(tok().Payload([]byte(`{"exp":1e400}`))), "claims are malformed"},
		{"truncated: no signature", head + "." + body, "malformed"},
		{"truncated: empty signature", head + "." + body + ".", "signature verification failed"},
		{"truncated: signature cut short", valid[:len(valid)-10], "signature verification failed"},
		{"truncated: header only", head, "malformed"},
		{"four segments", valid + "." + sig, "malformed"},
		{"non-base64 header", "!!!." + body + "." + sig, "malformed"},
		{"non-base64 payload", head + ".%%%." + sig, "malformed"},
		{"non-base64 signature", head + "." + body + ".***", "malformed"},
		{"padded base64", head + "=." + body + "." + sig, "malformed"},
		{"payload swapped", head + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"exp":9999999999}`)) + "." + sig, "signature verification failed"},
		{"whitespace inside", head + ". " + body + "." + sig, "malformed"},
		{"JSON serialization", `{"payload":"` + body + `","protected":"` + head + `","signature":"` + sig + `"}`, "malformed"},
		{"empty", "", "empty token"},
		{"100 KB", strings.Repeat("a", 100<<10), "too large"},
		{"just over MaxTokenSize", valid + strings.Repeat("A", jwtauth.MaxTokenSize), "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := v.Validate(t.Context(), tt.token)
			if tt.want == "" {
				if err != nil || c == nil {
					t.Fatalf("Validate = %v, want success", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate accepted the token (claims %+v)", c)
			}
			var te *jwtauth.TokenError
			if !errors.As(err, &te) || !errors.Is(err, jwtauth.ErrInvalidToken) ||
				errors.Is(err, jwtauth.ErrKeysUnavailable) || !strings.Contains(te.Description, tt.want) {
				t.Fatalf("Validate = %v, want an invalid token error saying %q", err, tt.want)
			}
		})
	}
}

func split(tok string) (head, body, sig string) {
	parts := strings.Split(tok, ".")
	return parts[0], parts[1], parts[2]
}

// selfSigned returns k's self-signed certificate as an x5c entry.
func selfSigned(t *testing.T, k *jwtauthtest.Key) string {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "evil"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Private.Public(), k.Private)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}
