package keys

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"fmt"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// parseEntry reads k's certificate and, for keys that sign, decrypts its
// private key and builds its signers.
func parseEntry(k idp.SigningKey, c *Cipher) (*entry, error) {
	if err := checkAlg(k.Alg); err != nil {
		return nil, fmt.Errorf("keys: key %s: %w", k.KID, err)
	}
	cert, err := x509.ParseCertificate(k.Cert)
	if err != nil {
		return nil, fmt.Errorf("keys: key %s: parse certificate: %w", k.KID, err)
	}
	e := &entry{alg: k.Alg, pub: cert.PublicKey}
	thumb := sha1.Sum(cert.Raw)
	e.jwk = jose.JSONWebKey{
		Key: cert.PublicKey, KeyID: k.KID, Algorithm: k.Alg, Use: "sig",
		Certificates: []*x509.Certificate{cert}, CertificateThumbprintSHA1: thumb[:],
	}
	if canSign(k.State) {
		if e.signers, err = parseSigners(k, cert, c); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// parseSigners decrypts k's private key, checks it matches the certificate
// and builds one go-jose signer per token type.
func parseSigners(k idp.SigningKey, cert *x509.Certificate, c *Cipher) (map[string]jose.Signer, error) {
	der, err := c.Open(k.PrivateKey)
	if err != nil {
		return nil, fmt.Errorf("keys: decrypt signing key %s: %w", k.KID, err)
	}
	priv, err := parsePrivateKey(der, cert)
	if err != nil {
		return nil, fmt.Errorf("keys: key %s: %w", k.KID, err)
	}
	signers := map[string]jose.Signer{}
	for _, typ := range types {
		if signers[typ], err = newSigner(k.KID, k.Alg, typ, priv); err != nil {
			return nil, fmt.Errorf("keys: key %s: %w", k.KID, err)
		}
	}
	return signers, nil
}

// parsePrivateKey parses PKCS#8 DER and precomputes RSA's CRT values once,
// so no signature pays for them.
func parsePrivateKey(der []byte, cert *x509.Certificate) (crypto.Signer, error) {
	parsed, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("parse private key: %w", err)
	}
	priv, ok := parsed.(crypto.Signer)
	if !ok || !sameKey(priv.Public(), cert.PublicKey) {
		return nil, fmt.Errorf("private key does not match its certificate")
	}
	if r, ok := priv.(*rsa.PrivateKey); ok {
		r.Precompute()
	}
	return priv, nil
}

// sameKey reports whether two public keys are equal.
func sameKey(a, b crypto.PublicKey) bool {
	eq, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(b)
}
