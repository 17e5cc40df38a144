package sqlite

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// ListUsers returns page (0-based) of perPage users in creation order, and
// the total count. The rowid breaks ties between equal creation times.
func (s *Store) ListUsers(ctx context.Context, page, perPage int) (idp.UserPage, error) {
	q := s.reader()
	var p idp.UserPage
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&p.Total); err != nil {
		return p, dbErr(err, "user")
	}
	page, perPage = max(page, 0), max(perPage, 0)
	rows, err := q.QueryContext(ctx, selectUser+" ORDER BY created_at, rowid LIMIT ? OFFSET ?",
		perPage, page*perPage)
	if err != nil {
		return p, dbErr(err, "user")
	}
	p.Users, err = collect(rows, scanUser)
	return p, err
}
