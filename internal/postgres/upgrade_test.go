package postgres

import (
	"reflect"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgxpool"
)

// TestUpgradeFrom0001: a refresh token written under the first schema
// reads back after the later migrations with every field kept and no
// grant, and the new tables work.
func TestUpgradeFrom0001(t *testing.T) {
	cfg := freshSchema(t)
	ms, err := migrations()
	if err != nil || ms[0].version != 1 || len(ms) < 2 {
		t.Fatalf("migrations %v, %v", ms, err)
	}
	pool, err := pgxpool.NewWithConfig(t.Context(), cfg.Copy())
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if err := migrateTo(t.Context(), pool, ms[:1]); err != nil {
		t.Fatal(err)
	}
	_, err = pool.Exec(t.Context(), `INSERT INTO refresh_tokens (id, hash, family_id, client_id,
		user_id, audience, scope, session_id, created_at, expires_at, idle_expires_at, used_at,
		revoked) VALUES ('rt_1', '\x0102', 'fam', 'c1', 'u1', 'aud', 'openid', 's1',
		to_timestamp(1), NULL, NULL, NULL, true)`)
	if err != nil {
		t.Fatal(err)
	}
	s := openConfigT(t, cfg)
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
