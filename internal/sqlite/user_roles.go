package sqlite

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// exists reports ENotFound unless query finds a row.
func exists(ctx context.Context, q querier, entity, query string, args ...any) error {
	var one int
	return dbErr(q.QueryRowContext(ctx, query, args...).Scan(&one), entity)
}

// AssignRoles gives the user the roles; held roles are skipped. A missing
// user or role is ENotFound and assigns nothing.
func (s *Store) AssignRoles(ctx context.Context, userID string, roleIDs []string) error {
	return s.inTx(ctx, func(tx *txn) error {
		if err := exists(ctx, tx, "user", "SELECT 1 FROM users WHERE id = ?", userID); err != nil {
			return err
		}
		for _, r := range roleIDs {
			if err := exists(ctx, tx, "role", "SELECT 1 FROM roles WHERE id = ?", r); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx,
				"INSERT INTO user_roles (user_id, role_id) VALUES (?, ?) ON CONFLICT DO NOTHING", userID, r)
			if err != nil {
				return dbErr(err, "role")
			}
		}
		return nil
	})
}

// UnassignRoles takes the roles from the user; roles not held are skipped.
func (s *Store) UnassignRoles(ctx context.Context, userID string, roleIDs []string) error {
	return s.inTx(ctx, func(tx *txn) error {
		for _, r := range roleIDs {
			_, err := tx.ExecContext(ctx, "DELETE FROM user_roles WHERE user_id = ? AND role_id = ?", userID, r)
			if err != nil {
				return dbErr(err, "role")
			}
		}
		return nil
	})
}

// ListUserRoles returns the user's roles, by name.
func (s *Store) ListUserRoles(ctx context.Context, userID string) ([]idp.Role, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT r.id, r.name, r.description, r.permissions
		FROM roles r JOIN user_roles ur ON ur.role_id = r.id
		WHERE ur.user_id = ? ORDER BY r.name`, userID)
	if err != nil {
		return nil, dbErr(err, "role")
	}
	return collect(rows, scanRole)
}

// UserPermissions returns the distinct names of the permissions on
// audience that the user holds through roles, sorted (binary collation
// sorts as Go compares strings).
func (s *Store) UserPermissions(ctx context.Context, userID, audience string) ([]string, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT DISTINCT p.value ->> 'permission_name' AS name
		FROM user_roles ur JOIN roles r ON r.id = ur.role_id, json_each(r.permissions) p
		WHERE ur.user_id = ? AND p.value ->> 'resource_server_identifier' = ?
		ORDER BY name`, userID, audience)
	if err != nil {
		return nil, dbErr(err, "role")
	}
	return collect(rows, func(row scanner) (string, error) {
		var name string
		return name, row.Scan(&name)
	})
}
