package postgres

import (
	"reflect"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgxpool"
)

// upgradeFrom builds a schema with the first n migrations, runs stmt on
// it as that release would have, and opens it with all of them.
func upgradeFrom(t *testing.T, n int, stmt string) *Store {
	t.Helper()
	cfg := freshSchema(t)
	ms, err := migrations()
	if err != nil || ms[0].version != 1 || len(ms) <= n || ms[n-1].version != n {
		t.Fatalf("migrations %v, %v", ms, err)
	}
	pool, err := pgxpool.NewWithConfig(t.Context(), cfg.Copy())
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if err := migrateTo(t.Context(), pool, ms[:n]); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(t.Context(), stmt); err != nil {
		t.Fatal(err)
	}
	return openConfigT(t, cfg)
}

// TestUpgradeFrom0001: a refresh token written under the first schema
// reads back after the later migrations with every field kept and no
// grant, and the new tables work.
func TestUpgradeFrom0001(t *testing.T) {
	s := upgradeFrom(t, 1, `INSERT INTO refresh_tokens (id, hash, family_id, client_id,
		user_id, audience, scope, session_id, created_at, expires_at, idle_expires_at, used_at,
		revoked) VALUES ('rt_1', '\x0102', 'fam', 'c1', 'u1', 'aud', 'openid', 's1',
		to_timestamp(1), NULL, NULL, NULL, true)`)
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

// TestUpgradeFrom0002: a refresh token written before auth_time existed
// reads back with none, and its rotation passes on "none" rather than
// the AuthTime next asks for: the family's sign-in time is unknown.
func TestUpgradeFrom0002(t *testing.T) {
	s := upgradeFrom(t, 2, `INSERT INTO refresh_tokens (id, hash, family_id, client_id,
		user_id, audience, scope, grant_type, session_id, created_at, expires_at, idle_expires_at,
		used_at, revoked) VALUES ('rt_1', '\x0102', 'fam', 'c1', 'u1', 'aud', 'openid', 'password',
		'', to_timestamp(1), NULL, NULL, NULL, false)`)
	want := idp.RefreshToken{ID: "rt_1", Hash: []byte{1, 2}, FamilyID: "fam", ClientID: "c1",
		UserID: "u1", Audience: "aud", Scope: "openid", Grant: "password", CreatedAt: time.Unix(1, 0).UTC()}
	got, err := s.GetRefreshToken(t.Context(), []byte{1, 2})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("token after upgrade (%v):\n got %+v\nwant %+v", err, got, want)
	}
	next := want
	next.ID, next.Hash, next.AuthTime = "rt_2", []byte{3}, time.Unix(5, 0).UTC()
	if err := s.RotateRefreshToken(t.Context(), want.Hash, next, time.Unix(9, 0), 0); err != nil {
		t.Fatal(err)
	}
	if got, err = s.GetRefreshToken(t.Context(), next.Hash); err != nil || !got.AuthTime.IsZero() {
		t.Fatalf("rotated token (%v): AuthTime %v, want none", err, got.AuthTime)
	}
}

// TestUpgradeFrom0003: tenant settings written before suspicious-IP
// throttling existed read back with every field kept and the default
// throttling, and the attempt buckets work.
func TestUpgradeFrom0003(t *testing.T) {
	s := upgradeFrom(t, 3, `INSERT INTO tenant (id, settings) VALUES (1, '{"friendly_name": "Acme",
		"picture_url": "", "support_email": "", "support_url": "", "default_directory": "acme-db",
		"default_audience": "", "allowed_logout_urls": null, "session_lifetime": 0,
		"idle_session_lifetime": 0, "flags": {}, "brute_force_protection": {"enabled": true,
		"shields": ["block"], "mode": "count_per_identifier", "allowlist": [], "max_attempts": 3}}')`)
	want := idp.DefaultTenant()
	want.FriendlyName, want.DefaultDirectory = "Acme", "acme-db"
	want.BruteForce = idp.BruteForceSettings{Enabled: true, Shields: []string{"block"},
		Mode: "count_per_identifier", Allowlist: []string{}, MaxAttempts: 3}
	got, err := s.GetTenant(t.Context())
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("tenant after upgrade (%v):\n got %+v\nwant %+v", err, got, want)
	}
	if ok, err := s.TakeAttempt(t.Context(), "pre-login:203.0.113.7", 1, time.Hour, time.Unix(9, 0)); !ok || err != nil {
		t.Fatalf("first take after upgrade: %v, %v", ok, err)
	}
}
