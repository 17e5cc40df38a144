package e2e

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// attack is one token of issue 4's attack list (jwtauth's TestAttacks,
// same names), or one that must pass.
type attack struct{ name, token string }

// attackKeys are the keys the attack list is built from: good and ec are
// published by the issuer, evil is not, and other is published by another
// issuer under good's kid.
type attackKeys struct{ good, ec, evil *jwtauthtest.Key }

func attackTokens(t *testing.T, srv, other *jwtauthtest.Server, k attackKeys, now time.Time) []attack {
	tok := func() *jwtauthtest.Builder { return srv.Token().At(now) }
	sign := func(b *jwtauthtest.Builder) string { return b.MustSign() }
	valid := sign(tok())
	p := strings.Split(valid, ".")
	head, body, sig := p[0], p[1], p[2]
	return []attack{
		{"good RS256", valid},
		{"good ES256", sign(tok().SignedBy(k.ec))},
		{"typ at+jwt", sign(tok().Type("at+jwt"))},
		{"typ application/at+jwt", sign(tok().Type("application/at+jwt"))},
		{"no typ", sign(tok().Type(""))},
		{"machine token", sign(tok().ClientCredentials("m2m-client").Scope("read:x"))},
		{"audience array holding ours", sign(tok().Audience("https://other.example/", jwtauthtest.DefaultAudience))},
		{"expired within leeway", sign(tok().ExpiresAt(now.Add(-20 * time.Second)))},
		{"nbf within leeway", sign(tok().NotBefore(now.Add(20 * time.Second)))},
		{"iat within leeway", sign(tok().IssuedAt(now.Add(20 * time.Second)))},

		{"alg none", tok().SignNone()},
		{"alg none, signature kept", strings.TrimSuffix(tok().SignNone(), ".") + "." + sig},
		{"HS256 keyed with the RSA public key PEM", tok().SignHMAC(jose.HS256, k.good.PublicKeyPEM())},
		{"HS256 keyed with the RSA public key DER", tok().SignHMAC(jose.HS256, k.good.PublicKeyDER())},
		{"HS512 keyed with the RSA public key PEM", tok().SignHMAC(jose.HS512, k.good.PublicKeyPEM())},
		{"alg outside the allow-list (RS384)", sign(tok().Algorithm(jose.RS384))},
		{"alg the JWK does not state (PS256 on an RS256 key)", sign(tok().Algorithm(jose.PS256))},
		{"kid unknown", sign(tok().SignedBy(k.evil))},
		{"kid of another key (RSA-signed, EC kid)", sign(tok().KeyID("good-ec"))},
		{"kid of our key, signed by another", sign(tok().SignedBy(k.evil).KeyID("good-rsa"))},
		{"kid with path characters", sign(tok().SignedBy(k.evil).KeyID("../../../../dev/null"))},
		{"kid with SQL characters", sign(tok().SignedBy(k.evil).KeyID("x' OR '1'='1'; --"))},
		{"kid missing, several keys published", sign(tok().KeyID(""))},
		{"jku to the attacker's keys", sign(tok().SignedBy(k.evil).Header("jku", "https://evil.example/jwks.json"))},
		{"jku on a token we signed", sign(tok().Header("jku", srv.JWKSURL()))},
		{"x5u to the attacker's certificate", sign(tok().SignedBy(k.evil).Header("x5u", "https://evil.example/cert.pem"))},
		{"jwk embedded, attacker's key", sign(tok().SignedBy(k.evil).EmbedJWK())},
		{"x5c embedded, attacker's certificate", sign(tok().SignedBy(k.evil).Header("x5c", []string{selfSigned(t, k.evil)}))},
		{"crit header", sign(tok().Header("crit", []string{"exp"}))},
		{"crit b64=false (RFC 7797)", sign(tok().Header("crit", []string{"b64"}).Header("b64", false))},
		{"cty JWT (nested token)", sign(tok().Header("cty", "JWT"))},
		{"typ id_token", sign(tok().Type("id_token"))},
		{"typ JOSE", sign(tok().Type("JOSE"))},
		{"expired", sign(tok().ExpiresAt(now.Add(-time.Minute)))},
		{"exp missing", sign(tok().Without("exp"))},
		{"exp under another case (EXP)", sign(tok().Without("exp").Claim("EXP", now.Add(time.Hour).Unix()))},
		{"exp not a number", sign(tok().Claim("exp", "tomorrow"))},
		{"nbf in the future", sign(tok().NotBefore(now.Add(time.Minute)))},
		{"iat in the future", sign(tok().IssuedAt(now.Add(time.Minute)))},
		{"wrong issuer", sign(tok().Issuer("https://evil.example/"))},
		{"issuer without its trailing slash", sign(tok().Issuer(strings.TrimSuffix(srv.Issuer(), "/")))},
		{"issuer missing", sign(tok().Without("iss"))},
		{"wrong audience", sign(tok().Audience("https://other.example/"))},
		{"audience array without ours", sign(tok().Audience("https://a.example/", "https://b.example/"))},
		{"audience missing", sign(tok().Without("aud"))},
		{"ID token: aud is the client id", sign(tok().Audience(jwtauthtest.DefaultClientID).Claim("nonce", "n-0S6"))},
		{"ID token with our audience and a nonce", sign(tok().Claim("nonce", "n-0S6"))},
		{"ID token with our audience and at_hash", sign(tok().Claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ"))},
		{"other issuer, same kid", sign(other.Token().At(now))},
		{"other issuer, same kid, our iss", sign(other.Token().At(now).Issuer(srv.Issuer()))},
		{"claims not JSON", sign(tok().Payload([]byte("not json")))},
		{"claims JSON null", sign(tok().Payload([]byte("null")))},
		{"issuer not a string", sign(tok().Claim("iss", 42))},
		{"truncated: no signature", head + "." + body},
		{"truncated: empty signature", head + "." + body + "."},
		{"truncated: signature cut short", valid[:len(valid)-10]},
		{"truncated: header only", head},
		{"four segments", valid + "." + sig},
		{"non-base64 header", "!!!." + body + "." + sig},
		{"non-base64 payload", head + ".%%%." + sig},
		{"non-base64 signature", head + "." + body + ".***"},
		{"padded base64", head + "=." + body + "." + sig},
		{"payload swapped", head + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"exp":9999999999}`)) + "." + sig},
		{"whitespace inside", head + ". " + body + "." + sig},
		{"JSON serialization", `{"payload":"` + body + `","protected":"` + head + `","signature":"` + sig + `"}`},
		{"empty", ""},
		{"100 KB", strings.Repeat("a", 100<<10)},
		{"just over MaxTokenSize", valid + strings.Repeat("A", jwtauth.MaxTokenSize)},
	}
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
