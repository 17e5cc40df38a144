package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

const (
	workerID     = "worker0000000000000000000000000"
	workerSecret = "worker-secret-0000000000000000000000000000"
)

// runTokenCmd runs `gatehouse token args…` and returns what it printed.
func runTokenCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"token"}, args...), &out, &errOut)
	return strings.TrimSpace(out.String()), err
}

func TestTokenFetchedAndCached(t *testing.T) {
	m, _, issuer := startMain(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	args := []string{"--issuer", issuer, "--client-id", workerID, "--client-secret", workerSecret,
		"--audience", "https://api.test", "--cacert", m.CAFile}
	first, err := runTokenCmd(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	if c := claimsOf(t, first); c["aud"] != "https://api.test" || c["sub"] != workerID+"@clients" || c["iss"] != issuer {
		t.Fatalf("fetched token claims %v", c)
	}
	path, _ := tokenCachePath(issuer, workerID, "https://api.test", "")
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 || !strings.HasPrefix(path, filepath.Join(os.Getenv("XDG_CACHE_HOME"), "gatehouse", "tokens")) {
		t.Fatalf("cache file %s: %v %v", path, fi, err)
	}
	// A marker in the cache proves the second run reads it instead of asking.
	writeCache(t, path, "cached-marker", time.Now().Add(10*time.Minute))
	if again, _ := runTokenCmd(t, args...); again != "cached-marker" {
		t.Fatalf("second run printed %.20q…, want the cached token", again)
	}
	writeCache(t, path, "cached-marker", time.Now().Add(30*time.Second)) // inside the 60 s margin
	renewed, err := runTokenCmd(t, args...)
	if err != nil || renewed == "cached-marker" || claimsOf(t, renewed)["aud"] != "https://api.test" {
		t.Fatalf("token near expiry: printed %.20q… (%v), want a fresh one", renewed, err)
	}
	if tok := readCachedToken(path); tok == nil || tok.AccessToken != renewed {
		t.Fatal("the renewed token was not cached")
	}
}

func TestTokenFetchErrors(t *testing.T) {
	m, _, issuer := startMain(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	_, err := runTokenCmd(t, "--issuer", issuer, "--client-id", workerID, "--client-secret", "wrong-secret-xyz",
		"--audience", "https://api.test", "--cacert", m.CAFile)
	if err == nil || strings.Contains(err.Error(), "wrong-secret-xyz") || !strings.Contains(err.Error(), "access_denied") {
		t.Fatalf("wrong secret: %v; want access_denied without the secret", err)
	}
	if _, err := runTokenCmd(t, "--issuer", issuer, "--client-id", workerID, "--client-secret", workerSecret,
		"--audience", "https://api.test"); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("untrusted CA: %v", err)
	}
	if _, err := runTokenCmd(t, "--data", m.opts.data, "--client-id", workerID, "--audience", "https://api.test"); err == nil ||
		!strings.Contains(err.Error(), "need --client-secret") {
		t.Fatalf("--client-id without a secret: %v", err)
	}
	if _, err := runTokenCmd(t, "--issuer", "http://localhost:1/", "--client-id", workerID, "--client-secret", "s",
		"--audience", "a"); err == nil || !strings.Contains(err.Error(), "https") {
		t.Fatalf("plain-HTTP issuer: %v", err)
	}
}

// TestTokenOffline: without a secret, token still mints from the data
// directory, as before.
func TestTokenOffline(t *testing.T) {
	m, _, issuer := startMain(t)
	tok, err := runTokenCmd(t, "--data", m.opts.data, "--issuer", issuer, "--audience", "https://api.test")
	if err != nil {
		t.Fatal(err)
	}
	if c := claimsOf(t, tok); c["aud"] != "https://api.test" || c["scope"] != "read:things" {
		t.Fatalf("minted token claims %v", c)
	}
}

func writeCache(t *testing.T, path, access string, expiry time.Time) {
	t.Helper()
	if err := writeCachedToken(path, &oauth2.Token{AccessToken: access, TokenType: "Bearer", Expiry: expiry}); err != nil {
		t.Fatal(err)
	}
}

// claimsOf decodes a JWT's claims without verifying it.
func claimsOf(t *testing.T, jwt string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %.30q", jwt)
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}
