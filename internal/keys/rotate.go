package keys

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Rotate makes a new key current for alg. The old key stays published for
// keepPublished, which the caller sets to the longest token lifetime so
// every token it signed can still be verified. Losing a race to another
// replica is not an error: the winner's key is loaded instead.
func (m *Manager) Rotate(ctx context.Context, alg string, keepPublished time.Duration) error {
	if err := checkAlg(alg); err != nil {
		return err
	}
	rows, err := m.store.ListSigningKeys(ctx)
	if err != nil {
		return err
	}
	cur := currentKID(rows, alg)
	if cur == "" {
		return m.Load(ctx)
	}
	if err := m.swap(ctx, alg, cur, keepPublished); err != nil {
		return err
	}
	return m.Reload(ctx)
}

// swap replaces the current key cur with a new one in the store; losing
// the compare-and-swap is not an error.
func (m *Manager) swap(ctx context.Context, alg, cur string, keepPublished time.Duration) error {
	now := m.now()
	next, err := generate(alg, m.host, now, m.c)
	if err != nil {
		return err
	}
	next.State = idp.KeyNext // the store makes it current, as its contract tests
	err = m.store.RotateSigningKey(ctx, cur, next, now, now.Add(keepPublished))
	if idp.ErrorCode(err) == idp.EConflict {
		return nil
	}
	if err == nil {
		m.log.Info("signing key rotated", "alg", alg, "old_kid", cur, "kid", next.KID)
	}
	return err
}
