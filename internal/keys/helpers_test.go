package keys

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

const testHost = "tenant.example.com"

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now().Truncate(time.Second)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func openStore(t testing.TB) idp.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newManager(t testing.TB, s idp.SigningKeyStore, m []byte, clk *clock) *Manager {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return NewManager(s, mustCipher(t, m), testHost, clk.Now, log)
}

func loaded(t testing.TB, s idp.SigningKeyStore, clk *clock) *Manager {
	t.Helper()
	m := newManager(t, s, master, clk)
	if err := m.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return m
}

// storeKeys lists the store's keys, failing the test on error.
func storeKeys(t testing.TB, s idp.SigningKeyStore) []idp.SigningKey {
	t.Helper()
	rows, err := s.ListSigningKeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// parseJWKS parses JWKS bytes back with go-jose, as a client would.
func parseJWKS(t testing.TB, raw []byte) jose.JSONWebKeySet {
	t.Helper()
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatalf("JWKS does not parse: %v\n%s", err, raw)
	}
	return set
}

func jwksKIDs(t testing.TB, m *Manager) map[string]bool {
	t.Helper()
	kids := map[string]bool{}
	for _, k := range parseJWKS(t, m.JWKS()).Keys {
		kids[k.KeyID] = true
	}
	return kids
}

// header decodes a compact JWS's protected header.
func header(t testing.TB, token string) map[string]string {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(strings.SplitN(token, ".", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	var h map[string]string
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatalf("header %s: %v", raw, err)
	}
	return h
}

func signedKID(t testing.TB, m *Manager, alg string) string {
	t.Helper()
	tok, err := m.Sign(alg, TypeJWT, []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	return header(t, tok)["kid"]
}
