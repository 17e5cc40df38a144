package postgres

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/jackc/pgx/v5/pgtype"
)

const keyCols = `kid, alg, state, private_key, cert, created_at, rotated_at, retire_at`

func scanKey(r scanner) (idp.SigningKey, error) {
	var k idp.SigningKey
	var created, rotated, retire pgtype.Timestamptz
	err := r.Scan(&k.KID, &k.Alg, &k.State, &k.PrivateKey, &k.Cert, &created, &rotated, &retire)
	k.CreatedAt, k.RotatedAt, k.RetireAt = tsOut(created), tsOut(rotated), tsOut(retire)
	return k, err
}

// insertCurrent stores k as current; the partial unique index
// signing_keys_one_current turns a second current key for k.Alg into EConflict.
func insertCurrent(ctx context.Context, q querier, k idp.SigningKey) error {
	_, err := q.Exec(ctx, `INSERT INTO signing_keys (`+keyCols+`)
		VALUES ($1, $2, 'current', $3, $4, $5, NULL, NULL)`,
		k.KID, k.Alg, k.PrivateKey, k.Cert, tsIn(k.CreatedAt))
	return mapErr(err, "current signing key")
}

// ListSigningKeys returns every key not yet retired, oldest first.
func (s *Store) ListSigningKeys(ctx context.Context) ([]idp.SigningKey, error) {
	return list(ctx, s.db, scanKey, "signing keys", `SELECT `+keyCols+` FROM signing_keys
		WHERE state <> 'retired' ORDER BY created_at NULLS FIRST, seq`)
}

// InsertFirstSigningKey stores k as the current key for k.Alg, or returns
// EConflict if another replica got there first.
func (s *Store) InsertFirstSigningKey(ctx context.Context, k idp.SigningKey) error {
	return insertCurrent(ctx, s.db, k)
}

// RotateSigningKey makes next current if currentKID still is (else
// EConflict), demotes the old key to previous and retires the previous
// keys whose RetireAt has passed.
func (s *Store) RotateSigningKey(ctx context.Context, currentKID string, next idp.SigningKey, now, retireAt time.Time) error {
	return s.tx(ctx, func(q querier) error {
		// Of two concurrent rotations the second waits for the row lock,
		// re-checks state = 'current', matches nothing and loses.
		tag, err := q.Exec(ctx, `UPDATE signing_keys SET state = 'previous', rotated_at = $3,
			retire_at = $4 WHERE kid = $1 AND alg = $2 AND state = 'current'`,
			currentKID, next.Alg, now, retireAt)
		if err != nil {
			return mapErr(err, "signing key")
		}
		if tag.RowsAffected() == 0 {
			return idp.Errorf(idp.EConflict, "signing key %s is no longer current", currentKID)
		}
		if err := insertCurrent(ctx, q, next); err != nil {
			return err
		}
		_, err = q.Exec(ctx, `UPDATE signing_keys SET state = 'retired'
			WHERE state = 'previous' AND retire_at < $1`, now)
		return mapErr(err, "signing keys")
	})
}
