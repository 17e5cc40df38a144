package sqlite

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// TestUpgradeFrom0001: a refresh token written under the first schema
// reads back after the later migrations with every field kept and no
// grant, and the new tables work.
func TestUpgradeFrom0001(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	all, err := listMigrations()
	if err != nil || all[0].version != 1 || len(all) < 2 {
		t.Fatalf("migrations %v, %v", all, err)
	}
	old, err := openPools(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { old.Close() })
	if err := old.apply(t.Context(), all[:1]); err != nil {
		t.Fatal(err)
	}
	_, err = old.write.ExecContext(t.Context(), `INSERT INTO refresh_tokens (id, hash, family_id,
		client_id, user_id, audience, scope, session_id, created_at, expires_at, idle_expires_at,
		used_at, revoked) VALUES ('rt_1', x'0102', 'fam', 'c1', 'u1', 'aud', 'openid', 's1',
		1000000, NULL, NULL, NULL, 1)`)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	got, err := s.GetRefreshToken(t.Context(), []byte{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	want := idp.RefreshToken{ID: "rt_1", Hash: []byte{1, 2}, FamilyID: "fam", ClientID: "c1",
		UserID: "u1", Audience: "aud", Scope: "openid", SessionID: "s1",
		CreatedAt: time.Unix(1, 0).UTC(), Revoked: true}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("token after upgrade:\n got %+v\nwant %+v", got, want)
	}
	if err := s.CreateSession(t.Context(), idp.Session{ID: "s1", Hash: []byte{3}}); err != nil {
		t.Fatal(err)
	}
}
