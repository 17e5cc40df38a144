package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func refreshTests() []test {
	return []test{
		{"RefreshToken/RoundTrip", testRefreshRoundTrip},
		{"RefreshToken/Rotate", testRefreshRotate},
		{"RefreshToken/Leeway", testRefreshLeeway},
		{"RefreshToken/NoLeeway", testRefreshNoLeeway},
		{"RefreshToken/RotateRevoked", testRefreshRotateRevoked},
		{"RefreshToken/Revoke", testRefreshRevoke},
		{"RefreshToken/RevokeUser", testRefreshRevokeUser},
		{"RefreshToken/RaceRotate", testRefreshRaceRotate},
		{"RefreshToken/RotateKeepsGrant", testRefreshRotateGrant},
		{"RefreshToken/RevokeFamily", testRefreshRevokeFamily},
		{"RefreshToken/OwnFamily", testRefreshOwnFamily},
	}
}

// newRefresh returns token n of family fam, issued at at(n) for a sign-in
// at at(-60).
func newRefresh(n int, fam string) idp.RefreshToken {
	return idp.RefreshToken{
		ID:        fmt.Sprintf("rt_%d", n),
		Hash:      idp.TokenHash(fmt.Sprintf("refresh-token-%d", n)),
		FamilyID:  fam,
		ClientID:  newClient(1).ID,
		UserID:    newUser(1).ID,
		Audience:  apiIdentifier(1),
		Scope:     "openid profile offline_access",
		Grant:     idp.GrantAuthorizationCode,
		SessionID: "sess_1",
		AuthTime:  at(-60),
		CreatedAt: at(n),
		ExpiresAt: at(n + 86400),
		// IdleExpiresAt stays zero: never.
	}
}

// getRefresh reads token n (made by newRefresh).
func getRefresh(t *testing.T, s idp.Store, n int) (idp.RefreshToken, error) {
	t.Helper()
	return s.GetRefreshToken(t.Context(), newRefresh(n, "").Hash)
}

// wantRevoked checks the Revoked flag of tokens by number.
func wantRevoked(t *testing.T, s idp.Store, revoked bool, ns ...int) {
	t.Helper()
	for _, n := range ns {
		rt, err := getRefresh(t, s, n)
		must(t, err)
		if rt.Revoked != revoked {
			t.Fatalf("token %d: Revoked = %v, want %v", n, rt.Revoked, revoked)
		}
	}
}

// wantAbsent checks tokens by number were never stored.
func wantAbsent(t *testing.T, s idp.Store, ns ...int) {
	t.Helper()
	for _, n := range ns {
		_, err := getRefresh(t, s, n)
		wantCode(t, err, idp.ENotFound)
	}
}

func testRefreshRoundTrip(t *testing.T, s idp.Store) {
	want := newRefresh(1, "fam_a")
	must(t, s.CreateRefreshToken(t.Context(), want))
	got, err := getRefresh(t, s, 1)
	must(t, err)
	same(t, "get after create", got, want)
	wantAbsent(t, s, 2)
	dupHash := newRefresh(2, "fam_b")
	dupHash.Hash = want.Hash
	wantCode(t, s.CreateRefreshToken(t.Context(), dupHash), idp.EConflict)
}

func testRefreshRotate(t *testing.T, s idp.Store) {
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "fam_a")))
	// next carries no family: the store puts it in the old token's.
	must(t, s.RotateRefreshToken(t.Context(), newRefresh(1, "").Hash, newRefresh(2, ""), at(10), 0))
	old, err := getRefresh(t, s, 1)
	must(t, err)
	want := newRefresh(1, "fam_a")
	want.UsedAt = at(10)
	same(t, "rotated token", old, want)
	next, err := getRefresh(t, s, 2)
	must(t, err)
	same(t, "new token", next, newRefresh(2, "fam_a"))
	err = s.RotateRefreshToken(t.Context(), newRefresh(8, "").Hash, newRefresh(9, ""), at(10), 0)
	wantCode(t, err, idp.ENotFound)
	wantAbsent(t, s, 9)
}

// testRefreshLeeway: a used token may rotate again until UsedAt+leeway,
// counted from its first use (a reuse does not extend the window); after
// that the reuse revokes the whole family and stores nothing.
func testRefreshLeeway(t *testing.T, s idp.Store) {
	const leeway = 30 * time.Second
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "fam_a")))
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(7, "fam_b")))
	h1 := newRefresh(1, "").Hash
	must(t, s.RotateRefreshToken(t.Context(), h1, newRefresh(2, ""), at(10), leeway))
	must(t, s.RotateRefreshToken(t.Context(), h1, newRefresh(3, ""), at(30), leeway))
	wantRevoked(t, s, false, 1, 2, 3)
	err := s.RotateRefreshToken(t.Context(), h1, newRefresh(4, ""), at(45), leeway)
	wantCode(t, err, idp.EForbidden)
	wantRevoked(t, s, true, 1, 2, 3)
	wantRevoked(t, s, false, 7)
	wantAbsent(t, s, 4)
}

// testRefreshNoLeeway: with leeway 0 any second use is a reuse, even at
// the same instant.
func testRefreshNoLeeway(t *testing.T, s idp.Store) {
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "fam_a")))
	h1 := newRefresh(1, "").Hash
	must(t, s.RotateRefreshToken(t.Context(), h1, newRefresh(2, ""), at(10), 0))
	err := s.RotateRefreshToken(t.Context(), h1, newRefresh(3, ""), at(10), 0)
	wantCode(t, err, idp.EForbidden)
	wantRevoked(t, s, true, 1, 2)
	wantAbsent(t, s, 3)
}

func testRefreshRotateRevoked(t *testing.T, s idp.Store) {
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "fam_a")))
	h1 := newRefresh(1, "").Hash
	must(t, s.RevokeRefreshToken(t.Context(), h1))
	err := s.RotateRefreshToken(t.Context(), h1, newRefresh(2, ""), at(10), time.Minute)
	wantCode(t, err, idp.EForbidden)
	wantAbsent(t, s, 2)
}
