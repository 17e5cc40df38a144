package devtls

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var devHosts = []string{"localhost", "127.0.0.1", "::1", "auth.gatehouse.test"}

func ensure(t *testing.T, dir string, hosts []string, now time.Time) Files {
	t.Helper()
	f, err := Ensure(dir, hosts, now)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestLeafTrustedThroughCAOnly(t *testing.T) {
	f := ensure(t, t.TempDir(), devHosts, time.Now())
	srv := serve(t, f)
	client := clientTrusting(t, f.CACert, "")
	if res, err := client.Get(srv.URL); err != nil {
		t.Fatalf("client trusting the CA: %v", err)
	} else {
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	for _, name := range []string{"localhost", "auth.gatehouse.test"} {
		if _, err := clientTrusting(t, f.CACert, name).Get(srv.URL); err != nil {
			t.Errorf("server name %s: %v", name, err)
		}
	}
	if _, err := clientTrusting(t, f.CACert, "other.test").Get(srv.URL); err == nil {
		t.Error("a host not in the certificate was accepted")
	}
	if _, err := (&http.Client{}).Get(srv.URL); err == nil {
		t.Error("a client without the CA trusted the leaf")
	}
}

func serve(t *testing.T, f Files) *httptest.Server {
	t.Helper()
	pair, err := tls.LoadX509KeyPair(f.Cert, f.Key)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{pair}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// clientTrusting returns a client whose only root is the CA in caPath;
// serverName, if set, replaces the host checked against the certificate.
func clientTrusting(t *testing.T, caPath, serverName string) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(mustRead(t, caPath)) {
		t.Fatal("CA file holds no certificate")
	}
	cfg := &tls.Config{RootCAs: pool, ServerName: serverName}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// snapshot reads every file Ensure manages.
func snapshot(t *testing.T, f Files) [4][]byte {
	return [4][]byte{mustRead(t, f.CACert), mustRead(t, filepath.Join(filepath.Dir(f.CACert), "ca-key.pem")),
		mustRead(t, f.Cert), mustRead(t, f.Key)}
}
