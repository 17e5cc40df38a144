package storetest

import (
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// testRefreshRotateGrant: Grant and AuthTime round-trip (newRefresh sets
// them), and the grant that started a family and the sign-in behind it
// pass to every token rotated from it, whatever next says, as FamilyID
// does.
func testRefreshRotateGrant(t *testing.T, s idp.Store) {
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "fam_a")))
	next := newRefresh(2, "")
	next.Grant, next.AuthTime = idp.GrantRefreshToken, at(10)
	must(t, s.RotateRefreshToken(t.Context(), newRefresh(1, "").Hash, next, at(10), 0))
	got, err := getRefresh(t, s, 2)
	must(t, err)
	same(t, "rotated token", got, newRefresh(2, "fam_a"))
	none := newRefresh(3, "fam_b")
	none.Grant, none.AuthTime = "", time.Time{}
	must(t, s.CreateRefreshToken(t.Context(), none))
	got, err = getRefresh(t, s, 3)
	must(t, err)
	same(t, "token with no grant or sign-in time", got, none)
}

func testRefreshRevokeFamily(t *testing.T, s idp.Store) {
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "fam_a")))
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(9, "fam_b")))
	must(t, s.RotateRefreshToken(t.Context(), newRefresh(1, "").Hash, newRefresh(2, ""), at(10), 0))
	must(t, s.RevokeRefreshFamily(t.Context(), "fam_a"))
	wantRevoked(t, s, true, 1, 2)
	wantRevoked(t, s, false, 9)
	must(t, s.RevokeRefreshFamily(t.Context(), "fam_a"))   // twice: no error
	must(t, s.RevokeRefreshFamily(t.Context(), "fam_zzz")) // unknown: no error
	wantRevoked(t, s, false, 9)
}

// testRefreshOwnFamily: a token created with no FamilyID starts its own
// family, named by its ID, so no two such tokens share one and revoking
// the family "" revokes nothing.
func testRefreshOwnFamily(t *testing.T, s idp.Store) {
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(1, "")))
	must(t, s.CreateRefreshToken(t.Context(), newRefresh(2, "")))
	got, err := getRefresh(t, s, 1)
	must(t, err)
	same(t, "token with no family", got, newRefresh(1, newRefresh(1, "").ID))
	must(t, s.RevokeRefreshFamily(t.Context(), ""))
	wantRevoked(t, s, false, 1, 2)
	must(t, s.RevokeRefreshToken(t.Context(), newRefresh(1, "").Hash))
	wantRevoked(t, s, true, 1)
	wantRevoked(t, s, false, 2)
}
