package devtls

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io/fs"
	"time"
)

// caYears is the CA's lifetime: long, since replacing it means trusting
// a new CA everywhere.
const caYears = 10

// authority is a CA certificate with its key.
type authority struct {
	cert *x509.Certificate
	key  crypto.Signer
}

// ensureCA loads the CA from certPath and keyPath, or makes a new one when
// they are missing or no longer usable.
func ensureCA(certPath, keyPath string, now time.Time) (*authority, error) {
	ca, err := loadCA(certPath, keyPath, now)
	if err == nil {
		return ca, nil
	}
	if !errors.Is(err, errUnusable) && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return newCA(certPath, keyPath, now)
}

// loadCA reads the CA; errUnusable means the files exist but will not do.
func loadCA(certPath, keyPath string, now time.Time) (*authority, error) {
	cert, key, err := loadPair(certPath, keyPath)
	if err != nil {
		return nil, err
	}
	if !cert.IsCA || !fresh(cert.NotBefore, cert.NotAfter, now) {
		return nil, errUnusable
	}
	return &authority{cert: cert, key: key}, nil
}

// newCA makes and writes a P-256 CA named "Gatehouse Local CA".
func newCA(certPath, keyPath string, now time.Time) (*authority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "Gatehouse Local CA", Organization: []string{"Gatehouse"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(caYears, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true, // signs leaves only
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	if err := writePair(certPath, keyPath, der, key); err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &authority{cert: cert, key: key}, err
}
