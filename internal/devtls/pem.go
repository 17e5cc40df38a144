package devtls

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
)

// errUnusable marks files that exist but cannot be used as they are.
var errUnusable = errors.New("unusable certificate or key")

// loadPair reads a PEM certificate and its PEM PKCS#8 key, checking they
// belong together. Missing files give fs.ErrNotExist; bad ones errUnusable.
func loadPair(certPath, keyPath string) (*x509.Certificate, crypto.Signer, error) {
	certDER, err := readPEM(certPath, "CERTIFICATE")
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := readPEM(keyPath, "PRIVATE KEY")
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(certDER)
	if err != nil {
		return nil, nil, errUnusable
	}
	parsed, err := x509.ParsePKCS8PrivateKey(keyDER)
	key, ok := parsed.(crypto.Signer)
	if err != nil || !ok || !sameKey(key.Public(), cert.PublicKey) {
		return nil, nil, errUnusable
	}
	return cert, key, nil
}

// readPEM returns the DER of the first block of type typ in path.
func readPEM(path, typ string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != typ {
		return nil, errUnusable
	}
	return block.Bytes, nil
}

// writePair writes the key (0600) then the certificate (0644), each
// atomically, so a reader never sees half a file.
func writePair(certPath, keyPath string, certDER []byte, key crypto.Signer) error {
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if err := writeFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return err
	}
	return writeFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER}), 0o644)
}

// writeFile writes data to a temporary file beside path and renames it.
func writeFile(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), mode)
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// sameKey reports whether two public keys are equal.
func sameKey(a, b crypto.PublicKey) bool {
	eq, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(b)
}

// serial returns a random 128-bit certificate serial number.
func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		panic("devtls: crypto/rand: " + err.Error()) // never fails since Go 1.24
	}
	return n.Add(n, big.NewInt(1)) // serials must be positive
}
