package devtls

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"net"
	"time"
)

// leafLifetime stays under the 825 days Apple platforms accept for
// certificates from user-trusted CAs.
const leafLifetime = 365 * 24 * time.Hour

// ensureLeaf keeps the leaf in f when it fits, else issues a new one.
func ensureLeaf(f Files, ca *authority, hosts []string, now time.Time) error {
	if leafFits(f, ca, hosts, now) {
		return nil
	}
	return issueLeaf(f, ca, hosts, now)
}

// leafFits reports whether the stored leaf was signed by ca, is fresh,
// matches its key and covers every host.
func leafFits(f Files, ca *authority, hosts []string, now time.Time) bool {
	cert, _, err := loadPair(f.Cert, f.Key)
	if err != nil || cert.CheckSignatureFrom(ca.cert) != nil || !fresh(cert.NotBefore, cert.NotAfter, now) {
		return false
	}
	for _, h := range hosts {
		if cert.VerifyHostname(h) != nil {
			return false
		}
	}
	return true
}

// issueLeaf makes and writes a P-256 server certificate for hosts.
func issueLeaf(f Files, ca *authority, hosts []string, now time.Time) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: hosts[0], Organization: []string{"Gatehouse development"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     minTime(now.Add(leafLifetime), ca.cert.NotAfter),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(), ca.key)
	if err != nil {
		return err
	}
	return writePair(f.Cert, f.Key, der, key)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
