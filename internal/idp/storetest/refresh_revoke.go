package storetest

import (
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func testRefreshRevoke(t *testing.T, s idp.Store) {
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "fam_a")))
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(9, "fam_b")))
	must(t, s.RotateRefreshToken(t.Context(), newRefresh(1, "").Hash, newRefresh(2, ""), at(10), 0))
	must(t, s.RevokeRefreshToken(t.Context(), newRefresh(2, "").Hash))
	wantRevoked(t, s, true, 1, 2)
	wantRevoked(t, s, false, 9)
	must(t, s.RevokeRefreshToken(t.Context(), newRefresh(5, "").Hash)) // unknown: no error
	must(t, s.RevokeRefreshToken(t.Context(), newRefresh(2, "").Hash)) // twice: no error
}

func testRefreshRevokeUser(t *testing.T, s idp.Store) {
	for n, fam := range map[int]string{1: "fam_a", 2: "fam_b", 3: "fam_c"} {
		rt := newRefresh(n, fam)
		if n == 3 {
			rt.UserID = newUser(2).ID
		}
		must(t, s.CreateRefreshToken(t.Context(), rt))
	}
	must(t, s.RevokeUserRefreshTokens(t.Context(), newUser(1).ID))
	wantRevoked(t, s, true, 1, 2)
	wantRevoked(t, s, false, 3)
	must(t, s.RevokeUserRefreshTokens(t.Context(), newUser(9).ID)) // none: no error
}

// testRefreshRaceRotate: 8 concurrent rotations of one token with no
// leeway. One succeeds; the others are reuses, which revoke the family
// (the winner's new token too) and store nothing.
func testRefreshRaceRotate(t *testing.T, s idp.Store) {
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "fam_a")))
	h1 := newRefresh(1, "").Hash
	errs := race(8, func(i int) error {
		return s.RotateRefreshToken(t.Context(), h1, newRefresh(i+2, ""), at(10), 0)
	})
	if got := codes(errs); got[""] != 1 || got[idp.EForbidden] != 7 {
		t.Fatalf("outcomes %v, want 1 success and 7 forbidden", got)
	}
	for i, err := range errs {
		if err == nil {
			wantRevoked(t, s, true, 1, i+2)
		} else {
			wantAbsent(t, s, i+2)
		}
	}
}
