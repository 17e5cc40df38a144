package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Signing algorithms: a Manager keeps one current key for each.
const (
	AlgRS256 = "RS256" // RSA-2048, PKCS #1 v1.5 with SHA-256
	AlgES256 = "ES256" // ECDSA P-256 with SHA-256
)

var algorithms = []string{AlgRS256, AlgES256}

// certYears matches Auth0's tenant certificates (about 14 years).
const certYears = 14

// checkAlg returns an EInvalid error unless alg is one we sign with.
func checkAlg(alg string) error {
	for _, a := range algorithms {
		if a == alg {
			return nil
		}
	}
	return idp.Errorf(idp.EInvalid, "unsupported signing algorithm %q", alg)
}

// generate makes a new current key for alg, its private half sealed by c.
func generate(alg, host string, now time.Time, c *Cipher) (idp.SigningKey, error) {
	if err := checkAlg(alg); err != nil {
		return idp.SigningKey{}, err
	}
	priv, err := newPrivateKey(alg)
	if err != nil {
		return idp.SigningKey{}, err
	}
	cert, err := selfSign(priv, host, now)
	if err != nil {
		return idp.SigningKey{}, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return idp.SigningKey{}, err
	}
	return idp.SigningKey{
		KID: idp.NewKeyID(), Alg: alg, State: idp.KeyCurrent,
		PrivateKey: c.Seal(der), Cert: cert, CreatedAt: now,
	}, nil
}

// newPrivateKey returns RSA-2048 for RS256 and P-256 for ES256.
func newPrivateKey(alg string) (crypto.Signer, error) {
	if alg == AlgRS256 {
		return rsa.GenerateKey(rand.Reader, 2048)
	}
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}

// selfSign returns the DER certificate published as x5c: CN = issuer host,
// CA:TRUE, the shape of Auth0's (contract §2.2).
func selfSign(priv crypto.Signer, host string, now time.Time) ([]byte, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: host},
		NotBefore:             now.Add(-time.Minute),
		NotAfter:              now.AddDate(certYears, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	return x509.CreateCertificate(rand.Reader, tmpl, tmpl, priv.Public(), priv)
}
