package storetest

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func roleTests() []test {
	c := crud[idp.Role]{
		kind: "Role", make: newRole, change: changeRole,
		id:     func(r idp.Role) string { return r.ID },
		create: idp.Store.CreateRole, get: idp.Store.GetRole,
		update: idp.Store.UpdateRole, delete: idp.Store.DeleteRole,
		list: idp.Store.ListRoles,
		keys: []uniqueKey[idp.Role]{
			{name: "id", copy: func(d *idp.Role, s idp.Role) { d.ID = s.ID }, createOnly: true},
			{name: "name", copy: func(d *idp.Role, s idp.Role) { d.Name = s.Name }},
		},
	}
	return append(c.tests(),
		test{"Role/ByName", testRoleByName},
		test{"Role/Assign", testRoleAssign},
		test{"Role/AssignMissing", testRoleAssignMissing},
		test{"Role/DeleteUnassigns", testRoleDeleteUnassigns},
		test{"Role/UserPermissions", testUserPermissions},
	)
}

// perm is a permission on apiIdentifier(api).
func perm(api int, name string) idp.Permission {
	return idp.Permission{ResourceServerIdentifier: apiIdentifier(api), PermissionName: name}
}

// newRole lists permissions sorted by API and name, so a backend may keep
// them in insertion order or return them sorted.
func newRole(n int) idp.Role {
	return idp.Role{
		ID:          fmt.Sprintf("rol_%016d", n),
		Name:        fmt.Sprintf("role %d", n),
		Description: "a role",
		Permissions: []idp.Permission{perm(1, "read:things"), perm(1, "write:things"), perm(2, "read:other")},
	}
}

func changeRole(r *idp.Role) {
	r.Name += " renamed"
	r.Description = "changed"
	r.Permissions = []idp.Permission{perm(3, "admin")}
}

func testRoleByName(t *testing.T, s idp.Store) {
	want := newRole(1)
	must(t, s.CreateRole(t.Context(), want))
	got, err := s.GetRoleByName(t.Context(), want.Name)
	must(t, err)
	same(t, "by name", got, want)
	_, err = s.GetRoleByName(t.Context(), "role 2")
	wantCode(t, err, idp.ENotFound)
}

// userRoleIDs returns the ids of the user's roles, sorted.
func userRoleIDs(t *testing.T, s idp.Store, userID string) []string {
	t.Helper()
	roles, err := s.ListUserRoles(t.Context(), userID)
	must(t, err)
	var ids []string
	for _, r := range roles {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	return ids
}

// setup creates users 1..users and roles 1..roles.
func setupRoles(t *testing.T, s idp.Store, users, roles int) {
	for n := 1; n <= users; n++ {
		must(t, s.CreateUser(t.Context(), newUser(n)))
	}
	for n := 1; n <= roles; n++ {
		must(t, s.CreateRole(t.Context(), newRole(n)))
	}
}

func testRoleAssign(t *testing.T, s idp.Store) {
	setupRoles(t, s, 2, 3)
	u, r1, r2, r3 := newUser(1).ID, newRole(1).ID, newRole(2).ID, newRole(3).ID
	same(t, "roles before any assignment", userRoleIDs(t, s, u), nil)
	must(t, s.AssignRoles(t.Context(), u, []string{r1, r2}))
	must(t, s.AssignRoles(t.Context(), u, []string{r2, r3})) // r2 held: a no-op
	same(t, "roles after assigning", userRoleIDs(t, s, u), []string{r1, r2, r3})
	same(t, "other user's roles", userRoleIDs(t, s, newUser(2).ID), nil)
	must(t, s.UnassignRoles(t.Context(), u, []string{r2}))
	must(t, s.UnassignRoles(t.Context(), u, []string{r2})) // not held: a no-op
	same(t, "roles after unassigning", userRoleIDs(t, s, u), []string{r1, r3})
	roles, err := s.ListUserRoles(t.Context(), u)
	must(t, err)
	slices.SortFunc(roles, func(a, b idp.Role) int { return cmp.Compare(a.ID, b.ID) })
	same(t, "listed roles", roles, []idp.Role{newRole(1), newRole(3)})
}

func testRoleAssignMissing(t *testing.T, s idp.Store) {
	setupRoles(t, s, 1, 1)
	u, r := newUser(1).ID, newRole(1).ID
	wantCode(t, s.AssignRoles(t.Context(), newUser(2).ID, []string{r}), idp.ENotFound)
	wantCode(t, s.AssignRoles(t.Context(), u, []string{r, newRole(2).ID}), idp.ENotFound)
	same(t, "roles after failed assignments", userRoleIDs(t, s, u), nil)
}

func testRoleDeleteUnassigns(t *testing.T, s idp.Store) {
	setupRoles(t, s, 1, 2)
	u := newUser(1).ID
	must(t, s.AssignRoles(t.Context(), u, []string{newRole(1).ID, newRole(2).ID}))
	must(t, s.DeleteRole(t.Context(), newRole(1).ID))
	same(t, "roles after deleting one", userRoleIDs(t, s, u), []string{newRole(2).ID})
}

// testUserPermissions: distinct names through every role, for one audience, sorted.
func testUserPermissions(t *testing.T, s idp.Store) {
	setupRoles(t, s, 2, 0)
	roles := []idp.Role{
		{ID: "rol_a", Name: "a", Permissions: []idp.Permission{perm(1, "write:b"), perm(1, "read:a"), perm(2, "other")}},
		{ID: "rol_b", Name: "b", Permissions: []idp.Permission{perm(1, "read:a"), perm(1, "delete:c")}},
		{ID: "rol_c", Name: "c", Permissions: []idp.Permission{perm(1, "unassigned")}},
	}
	for _, r := range roles {
		must(t, s.CreateRole(t.Context(), r))
	}
	u := newUser(1).ID
	must(t, s.AssignRoles(t.Context(), u, []string{"rol_a", "rol_b"}))
	tests := []struct {
		user, audience string
		want           []string
	}{
		{u, apiIdentifier(1), []string{"delete:c", "read:a", "write:b"}},
		{u, apiIdentifier(2), []string{"other"}},
		{u, apiIdentifier(3), nil},
		{newUser(2).ID, apiIdentifier(1), nil},
	}
	for _, tc := range tests {
		got, err := s.UserPermissions(t.Context(), tc.user, tc.audience)
		must(t, err)
		same(t, "permissions for "+tc.audience, got, tc.want)
	}
}
