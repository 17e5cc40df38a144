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
	h := newHotReads(st, func() time.Time { return now })
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
