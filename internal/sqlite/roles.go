package sqlite

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// permJSON is a permission as stored in roles.permissions, in Auth0's
// names, which UserPermissions queries with json_each.
type permJSON struct {
	API  string `json:"resource_server_identifier"`
	Name string `json:"permission_name"`
}

// rolePerms is the JSON column value of ps.
func rolePerms(ps []idp.Permission) jsonArg {
	out := make([]permJSON, len(ps))
	for i, p := range ps {
		out[i] = permJSON{p.ResourceServerIdentifier, p.PermissionName}
	}
	return jsonArg{out}
}

const selectRole = "SELECT id, name, description, permissions FROM roles"

func scanRole(row scanner) (idp.Role, error) {
	var r idp.Role
	var perms []permJSON
	if err := row.Scan(&r.ID, &r.Name, &r.Description, jsonCol{&perms}); err != nil {
		return r, dbErr(err, "role")
	}
	for _, p := range perms {
		r.Permissions = append(r.Permissions, idp.Permission{ResourceServerIdentifier: p.API, PermissionName: p.Name})
	}
	return r, nil
}

// CreateRole stores r; its id and name must be unused.
func (s *Store) CreateRole(ctx context.Context, r idp.Role) error {
	_, err := s.writer().ExecContext(ctx,
		"INSERT INTO roles (id, name, description, permissions) VALUES (?, ?, ?, ?)",
		r.ID, r.Name, r.Description, rolePerms(r.Permissions))
	return dbErr(err, "role")
}

// GetRole returns the role with id.
func (s *Store) GetRole(ctx context.Context, id string) (idp.Role, error) {
	return scanRole(s.reader().QueryRowContext(ctx, selectRole+" WHERE id = ?", id))
}

// GetRoleByName returns the role named name.
func (s *Store) GetRoleByName(ctx context.Context, name string) (idp.Role, error) {
	return scanRole(s.reader().QueryRowContext(ctx, selectRole+" WHERE name = ?", name))
}

// UpdateRole applies fn to the role with id inside one transaction.
func (s *Store) UpdateRole(ctx context.Context, id string, fn func(*idp.Role) error) (idp.Role, error) {
	return update(ctx, s, fn,
		func(tx *txn) (idp.Role, error) {
			return scanRole(tx.QueryRowContext(ctx, selectRole+" WHERE id = ?", id))
		},
		func(tx *txn, r idp.Role) error {
			_, err := tx.ExecContext(ctx,
				"UPDATE roles SET name = ?, description = ?, permissions = ? WHERE id = ?",
				r.Name, r.Description, rolePerms(r.Permissions), id)
			return dbErr(err, "role")
		})
}

// DeleteRole removes the role; its assignments go with it (ON DELETE CASCADE).
func (s *Store) DeleteRole(ctx context.Context, id string) error {
	return execOne(ctx, s.writer(), "role", "DELETE FROM roles WHERE id = ?", id)
}

// ListRoles returns every role, by name.
func (s *Store) ListRoles(ctx context.Context) ([]idp.Role, error) {
	rows, err := s.reader().QueryContext(ctx, selectRole+" ORDER BY name")
	if err != nil {
		return nil, dbErr(err, "role")
	}
	return collect(rows, scanRole)
}
