package devtls

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Files holds the paths Ensure wrote or reused.
type Files struct {
	CACert string // PEM CA certificate, for trust stores and RootCAs
	Cert   string // PEM leaf certificate
	Key    string // PEM PKCS#8 leaf private key
}

// renewBefore is how long before expiry a certificate is replaced.
const renewBefore = 30 * 24 * time.Hour

// Ensure makes sure dir holds a valid local CA and a leaf certificate it
// signed for every host (DNS names or IP addresses), reusing what is there
// when it still fits and replacing only the leaf when it does not.
func Ensure(dir string, hosts []string, now time.Time) (Files, error) {
	hosts = cleanHosts(hosts)
	if len(hosts) == 0 {
		return Files{}, errors.New("devtls: no hosts")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Files{}, fmt.Errorf("devtls: %w", err)
	}
	f := Files{
		CACert: filepath.Join(dir, "ca.pem"),
		Cert:   filepath.Join(dir, "cert.pem"),
		Key:    filepath.Join(dir, "key.pem"),
	}
	ca, err := ensureCA(f.CACert, filepath.Join(dir, "ca-key.pem"), now)
	if err != nil {
		return Files{}, fmt.Errorf("devtls: %w", err)
	}
	if err := ensureLeaf(f, ca, hosts, now); err != nil {
		return Files{}, fmt.Errorf("devtls: %w", err)
	}
	return f, nil
}

// cleanHosts trims hosts, strips IPv6 brackets and drops empties and
// duplicates.
func cleanHosts(hosts []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, h := range hosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if ip := net.ParseIP(strings.Trim(h, "[]")); ip != nil {
			h = ip.String()
		}
		if h != "" && !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

// fresh reports whether a certificate is valid at now and not due for
// renewal.
func fresh(notBefore, notAfter, now time.Time) bool {
	return !now.Before(notBefore) && now.Add(renewBefore).Before(notAfter)
}
