package devtls

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestEnsureReusesFiles(t *testing.T) {
	dir, now := t.TempDir(), time.Now()
	before := snapshot(t, ensure(t, dir, devHosts, now))
	after := snapshot(t, ensure(t, dir, []string{"LOCALHOST", "::1", "[::1]", "127.0.0.1", "auth.gatehouse.test"}, now.Add(24*time.Hour)))
	if !equalAll(before, after) {
		t.Fatal("Ensure rewrote files that still fit")
	}
}

func TestNewHostReissuesLeafKeepsCA(t *testing.T) {
	dir, now := t.TempDir(), time.Now()
	before := snapshot(t, ensure(t, dir, devHosts, now))
	f := ensure(t, dir, append(devHosts, "new.gatehouse.test"), now)
	checkLeafReissued(t, before, snapshot(t, f))
	if err := leafCert(t, f).VerifyHostname("new.gatehouse.test"); err != nil {
		t.Fatal(err)
	}
}

func TestExpiringLeafReissuedCAKept(t *testing.T) {
	dir, now := t.TempDir(), time.Now()
	before := snapshot(t, ensure(t, dir, devHosts, now))
	f := ensure(t, dir, devHosts, now.Add(leafLifetime-20*24*time.Hour))
	checkLeafReissued(t, before, snapshot(t, f))
}

func TestBrokenLeafReissued(t *testing.T) {
	dir, now := t.TempDir(), time.Now()
	f := ensure(t, dir, devHosts, now)
	before := snapshot(t, f)
	if err := os.WriteFile(f.Key, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	checkLeafReissued(t, before, snapshot(t, ensure(t, dir, devHosts, now)))
}

func TestExpiredCAReplaced(t *testing.T) {
	dir, now := t.TempDir(), time.Now()
	before := snapshot(t, ensure(t, dir, devHosts, now))
	after := snapshot(t, ensure(t, dir, devHosts, now.AddDate(caYears, 0, 0)))
	if bytes.Equal(before[0], after[0]) || bytes.Equal(before[2], after[2]) {
		t.Fatal("an expired CA or its leaf was kept")
	}
}

func TestModesAndLifetimes(t *testing.T) {
	dir, now := filepath.Join(t.TempDir(), "tls"), time.Now()
	f := ensure(t, dir, devHosts, now)
	for path, want := range map[string]os.FileMode{dir: 0o700, f.Key: 0o600,
		filepath.Join(dir, "ca-key.pem"): 0o600, f.Cert: 0o644, f.CACert: 0o644} {
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, %v; want %v", path, st.Mode().Perm(), err, want)
		}
	}
	leaf, ca := leafCert(t, f), parseCert(t, f.CACert)
	if days := leaf.NotAfter.Sub(now).Hours() / 24; days > 825 || days < 300 {
		t.Errorf("leaf valid %.0f days", days)
	}
	if years := ca.NotAfter.Sub(now).Hours() / 24 / 365; !ca.IsCA || ca.Subject.CommonName != "Gatehouse Local CA" || years < 9.9 {
		t.Errorf("CA %q IsCA %v valid %.1f years", ca.Subject.CommonName, ca.IsCA, years)
	}
	if len(leaf.IPAddresses) != 2 || len(leaf.DNSNames) != 2 {
		t.Errorf("leaf SANs: IPs %v DNS %v", leaf.IPAddresses, leaf.DNSNames)
	}
}

func TestNoHosts(t *testing.T) {
	if _, err := Ensure(t.TempDir(), []string{" ", ""}, time.Now()); err == nil {
		t.Fatal("Ensure without hosts succeeded")
	}
}

func checkLeafReissued(t *testing.T, before, after [4][]byte) {
	t.Helper()
	if !bytes.Equal(before[0], after[0]) || !bytes.Equal(before[1], after[1]) {
		t.Error("the CA changed; users would have to trust it again")
	}
	if bytes.Equal(before[2], after[2]) || bytes.Equal(before[3], after[3]) {
		t.Error("the leaf was not reissued")
	}
}

func equalAll(a, b [4][]byte) bool {
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func leafCert(t *testing.T, f Files) *x509.Certificate { return parseCert(t, f.Cert) }

func parseCert(t *testing.T, path string) *x509.Certificate {
	t.Helper()
	block, _ := pem.Decode(mustRead(t, path))
	if block == nil {
		t.Fatalf("%s: no PEM", path)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
