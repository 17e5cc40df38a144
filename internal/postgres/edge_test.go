package postgres

import (
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// TestNilPermissions: a role stored with no permissions list reads back
// nil and adds nothing to UserPermissions.
func TestNilPermissions(t *testing.T) {
	s := openFresh(t)
	ctx := t.Context()
	u := idp.User{ID: "auth0|1", Connection: "db", Email: "a@example.com"}
	r := idp.Role{ID: "rol_1", Name: "empty"}
	for _, err := range []error{s.CreateUser(ctx, u), s.CreateRole(ctx, r), s.AssignRoles(ctx, u.ID, []string{r.ID})} {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.GetRole(ctx, r.ID)
	if err != nil || got.Permissions != nil {
		t.Fatalf("GetRole = %+v, %v; want nil permissions", got, err)
	}
	perms, err := s.UserPermissions(ctx, u.ID, "https://api/")
	if err != nil || len(perms) != 0 {
		t.Fatalf("UserPermissions = %v, %v; want none", perms, err)
	}
}

// TestAtomicReuse: inside Atomic a reuse still returns EForbidden and the
// revocation commits with the caller's transaction.
func TestAtomicReuse(t *testing.T) {
	s := openFresh(t)
	ctx := t.Context()
	now := time.Now()
	tok := idp.RefreshToken{Hash: idp.TokenHash("a"), FamilyID: "fam"}
	if err := s.CreateRefreshToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if err := s.RotateRefreshToken(ctx, tok.Hash, idp.RefreshToken{Hash: idp.TokenHash("b")}, now, 0); err != nil {
		t.Fatal(err)
	}
	err := s.Atomic(ctx, func(tx idp.Store) error {
		err := tx.RotateRefreshToken(ctx, tok.Hash, idp.RefreshToken{Hash: idp.TokenHash("c")}, now, 0)
		if idp.ErrorCode(err) != idp.EForbidden {
			t.Errorf("reuse in Atomic: %v, want forbidden", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.GetRefreshToken(ctx, idp.TokenHash("b"))
	if err != nil || !b.Revoked {
		t.Fatalf("family member after reuse: %+v, %v; want revoked", b, err)
	}
}
