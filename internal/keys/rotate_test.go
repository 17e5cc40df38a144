package keys

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestRotateKeepsOldKeyUntilRetire(t *testing.T) {
	ctx, s, clk := context.Background(), openStore(t), newClock()
	m := loaded(t, s, clk)
	old := signedKID(t, m, "RS256")
	clk.Add(time.Minute)
	if err := m.Rotate(ctx, "RS256", time.Hour); err != nil {
		t.Fatal(err)
	}
	cur := signedKID(t, m, "RS256")
	if cur == old {
		t.Fatal("Rotate did not change the signing key")
	}
	if kids := jwksKIDs(t, m); !kids[old] || !kids[cur] || len(kids) != 3 {
		t.Fatalf("JWKS after rotation = %v, want old, new and ES256", kids)
	}
	if _, _, ok := m.PublicKey(old); !ok {
		t.Fatal("old key not verifiable before RetireAt")
	}
	checkPrevious(t, m.List(), old, clk.Now(), clk.Now().Add(time.Hour))
	clk.Add(time.Hour)
	if err := m.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if kids := jwksKIDs(t, m); kids[old] || !kids[cur] || len(kids) != 2 {
		t.Fatalf("JWKS after RetireAt = %v, want the old key gone", kids)
	}
	if _, _, ok := m.PublicKey(old); ok {
		t.Fatal("retired key still verifiable")
	}
}

func checkPrevious(t *testing.T, list []KeyInfo, kid string, rotated, retire time.Time) {
	t.Helper()
	for _, k := range list {
		if k.KID == kid {
			if k.State != idp.KeyPrevious || !k.RotatedAt.Equal(rotated) || !k.RetireAt.Equal(retire) {
				t.Errorf("old key = %+v, want previous rotated %v retire %v", k, rotated, retire)
			}
			return
		}
	}
	t.Errorf("old key %s not listed: %+v", kid, list)
}

func TestRotationSeenByOtherReplica(t *testing.T) {
	ctx, s, clk := context.Background(), openStore(t), newClock()
	a, b := loaded(t, s, clk), loaded(t, s, clk)
	if err := a.Rotate(ctx, "ES256", time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := b.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if ka, kb := signedKID(t, a, "ES256"), signedKID(t, b, "ES256"); ka != kb {
		t.Fatalf("replicas sign with %s and %s", ka, kb)
	}
	if string(a.JWKS()) != string(b.JWKS()) {
		t.Fatal("replicas serve different JWKS")
	}
}

// TestReplicasRace starts two Managers on one store at once, then rotates
// from both at once: every algorithm must end with exactly one current key.
func TestReplicasRace(t *testing.T) {
	ctx, s, clk := context.Background(), openStore(t), newClock()
	ms := []*Manager{newManager(t, s, master, clk), newManager(t, s, master, clk)}
	parallel(t, ms, func(m *Manager) error { return m.Load(ctx) })
	parallel(t, ms, func(m *Manager) error { return m.Rotate(ctx, "RS256", time.Hour) })
	for _, alg := range algorithms {
		n := 0
		for _, k := range storeKeys(t, s) {
			if k.Alg == alg && k.State == idp.KeyCurrent {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d current keys, want 1", alg, n)
		}
	}
	if err := ms[0].Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if k0, k1 := signedKID(t, ms[0], "RS256"), signedKID(t, ms[1], "RS256"); k0 != k1 {
		t.Errorf("replicas sign with %s and %s", k0, k1)
	}
}

func parallel(t *testing.T, ms []*Manager, fn func(*Manager) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, len(ms))
	for i, m := range ms {
		wg.Go(func() { errs[i] = fn(m) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestSignDuringRotation runs under -race: signing never blocks on or
// races with a reload.
func TestSignDuringRotation(t *testing.T) {
	ctx, clk := context.Background(), newClock()
	m := loaded(t, openStore(t), clk)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				if _, err := m.Sign("ES256", TypeAtJWT, []byte(`{}`)); err != nil {
					t.Error(err)
				}
				m.JWKS()
			}
		})
	}
	for range 3 {
		if err := m.Rotate(ctx, "ES256", time.Hour); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
}
