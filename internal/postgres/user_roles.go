package postgres

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// AssignRoles gives the user roleIDs; held roles are skipped, and an
// unknown user or role is ENotFound.
func (s *Store) AssignRoles(ctx context.Context, userID string, roleIDs []string) error {
	_, err := s.db.Exec(ctx, `INSERT INTO user_roles (user_id, role_id)
		SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, userID, roleIDs)
	return mapErr(err, "role assignment")
}

// UnassignRoles takes roleIDs from the user; roles not held are ignored.
func (s *Store) UnassignRoles(ctx context.Context, userID string, roleIDs []string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM user_roles WHERE user_id = $1 AND role_id = ANY($2)`,
		userID, roleIDs)
	return mapErr(err, "role assignment")
}

// ListUserRoles returns the user's roles in creation order.
func (s *Store) ListUserRoles(ctx context.Context, userID string) ([]idp.Role, error) {
	return list(ctx, s.db, scanRole, "roles", `SELECT r.id, r.name, r.description, r.permissions
		FROM roles r JOIN user_roles ur ON ur.role_id = r.id
		WHERE ur.user_id = $1 ORDER BY r.seq`, userID)
}

// UserPermissions returns the distinct permissions the user holds on the
// API audience through roles, in byte order (COLLATE "C", as Go sorts).
func (s *Store) UserPermissions(ctx context.Context, userID, audience string) ([]string, error) {
	return list(ctx, s.db, scanString, "permissions", `SELECT DISTINCT p.permission_name COLLATE "C"
		FROM user_roles ur JOIN roles r ON r.id = ur.role_id
		CROSS JOIN LATERAL jsonb_to_recordset(r.permissions)
			AS p(resource_server_identifier text, permission_name text)
		WHERE ur.user_id = $1 AND p.resource_server_identifier = $2
		ORDER BY 1`, userID, audience)
}

func scanString(r scanner) (string, error) {
	var v string
	err := r.Scan(&v)
	return v, err
}
