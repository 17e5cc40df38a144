package server

import (
	"context"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

func TestHotReadsExpire(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Unix(1000, 0)
	h := NewHotReads(st, func() time.Time { return now })
	if _, err := h.GetClient(ctx, "c1"); !idp.IsNotFound(err) {
		t.Fatalf("missing client: %v", err)
	}
	st.CreateClient(ctx, idp.Client{ID: "c1", Name: "one", SecretHash: []byte("old")})
	if c, err := h.GetClient(ctx, "c1"); err != nil || string(c.SecretHash) != "old" {
		t.Fatalf("a miss is not cached: %v %v", c, err)
	}
	st.UpdateClient(ctx, "c1", func(c *idp.Client) error { c.SecretHash = []byte("new"); return nil })
	if c, _ := h.GetClient(ctx, "c1"); string(c.SecretHash) != "old" {
		t.Fatalf("within the TTL the cached client is served")
	}
	now = now.Add(hotReadsTTL)
	if c, _ := h.GetClient(ctx, "c1"); string(c.SecretHash) != "new" {
		t.Fatalf("after the TTL the change shows: %q", c.SecretHash)
	}
}

// TestHotReadsLoginSettings: the tenant and connections a login reads are
// cached for the TTL like clients; login-failure counters are not.
func TestHotReadsLoginSettings(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Unix(1000, 0)
	h := NewHotReads(st, func() time.Time { return now })
	if _, err := h.GetConnectionByName(ctx, "db"); !idp.IsNotFound(err) {
		t.Fatalf("missing connection: %v", err)
	}
	st.CreateConnection(ctx, idp.Connection{ID: "con_1", Name: "db", Strategy: "auth0"})
	if c, err := h.GetConnectionByName(ctx, "db"); err != nil || c.ID != "con_1" {
		t.Fatalf("a miss is not cached: %v %v", c, err)
	}
	if bf, _ := h.GetTenant(ctx); bf.BruteForce.MaxAttempts != 10 {
		t.Fatalf("default tenant: %+v", bf.BruteForce)
	}
	st.UpdateConnection(ctx, "con_1", func(c *idp.Connection) error { c.Options.BruteForceProtection = true; return nil })
	st.UpdateTenant(ctx, func(t *idp.Tenant) error { t.BruteForce.MaxAttempts = 3; return nil })
	c, _ := h.GetConnectionByName(ctx, "db")
	tn, _ := h.GetTenant(ctx)
	if c.Options.BruteForceProtection || tn.BruteForce.MaxAttempts != 10 {
		t.Fatalf("within the TTL the cached settings are served")
	}
	now = now.Add(hotReadsTTL)
	c, _ = h.GetConnectionByName(ctx, "db")
	tn, _ = h.GetTenant(ctx)
	if !c.Options.BruteForceProtection || tn.BruteForce.MaxAttempts != 3 {
		t.Fatalf("after the TTL the changes show: %+v %+v", c.Options, tn.BruteForce)
	}
	h.GetLoginFailures(ctx, "u1", "1.2.3.4")
	st.RecordLoginFailure(ctx, "u1", "1.2.3.4", now)
	if f, _ := h.GetLoginFailures(ctx, "u1", "1.2.3.4"); f.Count != 1 {
		t.Fatalf("login failures are read through: %+v", f)
	}
}
