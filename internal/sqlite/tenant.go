package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// The tenant is one JSON row (id 1), absent until the first update.

// getTenant decodes the row over idp.DefaultTenant(), so that a field
// added since the row was written (IPThrottle, say) reads back with its
// default rather than zero.
func getTenant(ctx context.Context, q querier) (idp.Tenant, error) {
	t := idp.DefaultTenant()
	err := q.QueryRowContext(ctx, "SELECT settings FROM tenant WHERE id = 1").Scan(jsonCol{&t})
	if errors.Is(err, sql.ErrNoRows) {
		return idp.DefaultTenant(), nil
	}
	return t, dbErr(err, "tenant")
}

// GetTenant returns the tenant settings, idp.DefaultTenant() until the
// first update.
func (s *Store) GetTenant(ctx context.Context) (idp.Tenant, error) {
	return getTenant(ctx, s.reader())
}

// UpdateTenant applies fn to the tenant settings inside one transaction.
func (s *Store) UpdateTenant(ctx context.Context, fn func(*idp.Tenant) error) (idp.Tenant, error) {
	return update(ctx, s, fn,
		func(tx *txn) (idp.Tenant, error) { return getTenant(ctx, tx) },
		func(tx *txn, t idp.Tenant) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO tenant (id, settings) VALUES (1, ?)
				ON CONFLICT (id) DO UPDATE SET settings = excluded.settings`, jsonArg{t})
			return dbErr(err, "tenant")
		})
}
