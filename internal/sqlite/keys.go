package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const (
	selectKey = "SELECT kid, alg, state, private_key, cert, created_at, rotated_at, retire_at FROM signing_keys"
	insertKey = `INSERT INTO signing_keys (kid, alg, state, private_key, cert, created_at, rotated_at, retire_at)
		VALUES (?, ?, 'current', ?, ?, ?, ?, ?)`
)

func scanKey(row scanner) (idp.SigningKey, error) {
	var k idp.SigningKey
	err := row.Scan(&k.KID, &k.Alg, &k.State, &k.PrivateKey, &k.Cert,
		timeCol{&k.CreatedAt}, timeCol{&k.RotatedAt}, timeCol{&k.RetireAt})
	return k, dbErr(err, "signing key")
}

// insertCurrent stores k as the current key of its algorithm.
func insertCurrent(ctx context.Context, tx *txn, k idp.SigningKey) error {
	_, err := tx.ExecContext(ctx, insertKey, k.KID, k.Alg, k.PrivateKey, k.Cert,
		micros(k.CreatedAt), micros(k.RotatedAt), micros(k.RetireAt))
	return dbErr(err, "signing key")
}

// currentKeyID returns the kid of alg's current key, "" if none.
func currentKeyID(ctx context.Context, tx *txn, alg string) (string, error) {
	var kid string
	err := tx.QueryRowContext(ctx, "SELECT kid FROM signing_keys WHERE alg = ? AND state = 'current'", alg).Scan(&kid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return kid, dbErr(err, "signing key")
}

// ListSigningKeys returns the keys not retired, oldest first.
func (s *Store) ListSigningKeys(ctx context.Context) ([]idp.SigningKey, error) {
	rows, err := s.reader().QueryContext(ctx, selectKey+" WHERE state <> 'retired' ORDER BY created_at, rowid")
	if err != nil {
		return nil, dbErr(err, "signing key")
	}
	return collect(rows, scanKey)
}

// InsertFirstSigningKey stores k as current for k.Alg unless that
// algorithm has a current key (EConflict). The IMMEDIATE transaction
// serialises concurrent callers; the partial unique index backs it up.
func (s *Store) InsertFirstSigningKey(ctx context.Context, k idp.SigningKey) error {
	return s.inTx(ctx, func(tx *txn) error {
		kid, err := currentKeyID(ctx, tx, k.Alg)
		if err != nil {
			return err
		}
		if kid != "" {
			return idp.Errorf(idp.EConflict, "A current %s signing key already exists.", k.Alg)
		}
		return insertCurrent(ctx, tx, k)
	})
}

// RotateSigningKey makes next current if currentKID still is
// (compare-and-swap, else EConflict), demotes the old key to previous
// until retireAt, and retires previous keys whose RetireAt has passed.
func (s *Store) RotateSigningKey(ctx context.Context, currentKID string, next idp.SigningKey, now, retireAt time.Time) error {
	return s.inTx(ctx, func(tx *txn) error {
		kid, err := currentKeyID(ctx, tx, next.Alg)
		if err != nil {
			return err
		}
		if kid == "" || kid != currentKID {
			return idp.Errorf(idp.EConflict, "The current %s signing key has changed.", next.Alg)
		}
		if err := demote(ctx, tx, kid, now, retireAt); err != nil {
			return err
		}
		return insertCurrent(ctx, tx, next)
	})
}

// demote retires the previous keys whose time is up, then makes kid a
// previous key until retireAt.
func demote(ctx context.Context, tx *txn, kid string, now, retireAt time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE signing_keys SET state = 'retired' WHERE state = 'previous' AND retire_at <= ?",
		micros(now))
	if err != nil {
		return dbErr(err, "signing key")
	}
	_, err = tx.ExecContext(ctx, "UPDATE signing_keys SET state = 'previous', rotated_at = ?, retire_at = ? WHERE kid = ?",
		micros(now), micros(retireAt), kid)
	return dbErr(err, "signing key")
}
