package storetest

import (
	"context"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// testUserDeleteCascades: a deleted user leaves no way back in — no
// refresh token, SSO session or brute-force counter outlives them.
func testUserDeleteCascades(t *testing.T, s idp.Store) {
	ctx := context.Background()
	u := newUser(1)
	must(t, s.CreateUser(ctx, u))
	rt, sess := newRefresh(1, ""), newSession(1)
	must(t, s.CreateRefreshToken(ctx, rt))
	must(t, s.CreateSession(ctx, sess))
	_, err := s.RecordLoginFailure(ctx, u.ID, "192.0.2.1", at(1))
	must(t, err)
	must(t, s.DeleteUser(ctx, u.ID))
	_, err = s.GetRefreshToken(ctx, rt.Hash)
	wantCode(t, err, idp.ENotFound)
	_, err = s.GetSession(ctx, sess.Hash, at(2))
	wantCode(t, err, idp.ENotFound)
	f, err := s.ListLoginFailures(ctx, u.ID)
	must(t, err)
	if len(f) != 0 {
		t.Fatalf("login failures outlive the user: %v", f)
	}
}
