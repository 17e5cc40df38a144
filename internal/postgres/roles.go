package postgres

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// permissionDoc is the jsonb form of idp.Permission, as Auth0 names it.
type permissionDoc struct {
	ResourceServerIdentifier string `json:"resource_server_identifier"`
	PermissionName           string `json:"permission_name"`
}

const roleCols = `id, name, description, permissions`

func scanRole(r scanner) (idp.Role, error) {
	var role idp.Role
	var perms []permissionDoc
	err := r.Scan(&role.ID, &role.Name, &role.Description, &perms)
	if perms != nil {
		role.Permissions = make([]idp.Permission, len(perms))
		for i, p := range perms {
			role.Permissions[i] = idp.Permission(p)
		}
	}
	return role, err
}

// permissionDocs converts for storage; nil stays NULL so it reads back nil.
func permissionDocs(ps []idp.Permission) []permissionDoc {
	if ps == nil {
		return nil
	}
	out := make([]permissionDoc, len(ps))
	for i, p := range ps {
		out[i] = permissionDoc(p)
	}
	return out
}

// CreateRole stores r; a clash of id or name is EConflict.
func (s *Store) CreateRole(ctx context.Context, r idp.Role) error {
	_, err := s.db.Exec(ctx, `INSERT INTO roles (`+roleCols+`) VALUES ($1, $2, $3, $4)`,
		r.ID, r.Name, r.Description, permissionDocs(r.Permissions))
	return mapErr(err, "role")
}

// GetRole returns the role with id.
func (s *Store) GetRole(ctx context.Context, id string) (idp.Role, error) {
	return getOne(ctx, s.db, scanRole, "role", `SELECT `+roleCols+` FROM roles WHERE id = $1`, id)
}

// GetRoleByName returns the role called name.
func (s *Store) GetRoleByName(ctx context.Context, name string) (idp.Role, error) {
	return getOne(ctx, s.db, scanRole, "role", `SELECT `+roleCols+` FROM roles WHERE name = $1`, name)
}

// UpdateRole runs fn on a copy of the role and stores the result; the id cannot change.
func (s *Store) UpdateRole(ctx context.Context, id string, fn func(*idp.Role) error) (idp.Role, error) {
	lock := func(q querier) (idp.Role, error) {
		return getOne(ctx, q, scanRole, "role", `SELECT `+roleCols+` FROM roles WHERE id = $1 FOR UPDATE`, id)
	}
	write := func(q querier, r *idp.Role) (idp.Role, error) {
		return getOne(ctx, q, scanRole, "role", `UPDATE roles SET name = $2, description = $3,
			permissions = $4 WHERE id = $1 RETURNING `+roleCols,
			id, r.Name, r.Description, permissionDocs(r.Permissions))
	}
	return update(ctx, s, lock, fn, write)
}

// DeleteRole removes the role and its assignments.
func (s *Store) DeleteRole(ctx context.Context, id string) error {
	return exec(ctx, s.db, "role", `DELETE FROM roles WHERE id = $1`, id)
}

// ListRoles returns every role in creation order.
func (s *Store) ListRoles(ctx context.Context) ([]idp.Role, error) {
	return list(ctx, s.db, scanRole, "roles", `SELECT `+roleCols+` FROM roles ORDER BY seq`)
}
