package keys

import (
	"context"
	"crypto"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Manager signs tokens with the current keys and serves the JWKS. Build it
// with NewManager and call Load before use; it is safe for concurrent use.
type Manager struct {
	store idp.SigningKeyStore
	c     *Cipher
	host  string // issuer host, the certificates' CN
	now   func() time.Time
	log   *slog.Logger

	mu   sync.Mutex // serialises reloads; readers never take it
	snap atomic.Pointer[snapshot]
}

// NewManager returns a Manager over store whose private keys are sealed
// by c. It loads nothing until Load. A nil log discards.
func NewManager(store idp.SigningKeyStore, c *Cipher, issuerHost string, now func() time.Time, log *slog.Logger) *Manager {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Manager{store: store, c: c, host: issuerHost, now: now, log: log}
	m.snap.Store(&snapshot{byKID: map[string]*entry{}, current: map[string]*entry{}, jwks: []byte(`{"keys":[]}`)})
	return m
}

// Load makes sure a current key exists for every algorithm, creating the
// missing ones (of replicas starting together, one wins), then loads the
// published keys.
func (m *Manager) Load(ctx context.Context) error {
	rows, err := m.store.ListSigningKeys(ctx)
	if err != nil {
		return err
	}
	for _, alg := range algorithms {
		if currentKID(rows, alg) == "" {
			if err := m.insertFirst(ctx, alg); err != nil {
				return err
			}
		}
	}
	return m.Reload(ctx)
}

// insertFirst stores a first key for alg; losing the race is fine.
func (m *Manager) insertFirst(ctx context.Context, alg string) error {
	k, err := generate(alg, m.host, m.now(), m.c)
	if err != nil {
		return err
	}
	err = m.store.InsertFirstSigningKey(ctx, k)
	if idp.ErrorCode(err) == idp.EConflict {
		return nil
	}
	if err == nil {
		m.log.Info("signing key created", "kid", k.KID, "alg", alg)
	}
	return err
}

// Reload re-reads the keys from the store, picking up rotations by other
// replicas or the CLI. When nothing changed it costs one store query.
func (m *Manager) Reload(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	rows, err := m.store.ListSigningKeys(ctx)
	if err != nil {
		return err
	}
	prev, now := m.snap.Load(), m.now()
	if prev.stamp != "" && prev.stamp == stampOf(rows, now) {
		return nil
	}
	next, err := buildSnapshot(prev, rows, now, m.c)
	if err != nil {
		return err
	}
	m.snap.Store(next)
	return nil
}

// JWKS returns the cached {"keys":[…]} document of every published key.
// Callers must not modify it.
func (m *Manager) JWKS() []byte { return m.snap.Load().jwks }

// PublicKey returns the public key and algorithm of the published key kid,
// for verifying tokens this server signed.
func (m *Manager) PublicKey(kid string) (crypto.PublicKey, string, bool) {
	e, ok := m.snap.Load().byKID[kid]
	if !ok {
		return nil, "", false
	}
	return e.pub, e.alg, true
}

// List describes every key the store held at the last reload, oldest first.
func (m *Manager) List() []KeyInfo {
	return append([]KeyInfo(nil), m.snap.Load().list...)
}

// currentKID returns the kid of the current key for alg in rows, or "".
func currentKID(rows []idp.SigningKey, alg string) string {
	for _, k := range rows {
		if k.Alg == alg && k.State == idp.KeyCurrent {
			return k.KID
		}
	}
	return ""
}

// Ready reports whether a current key is loaded for every algorithm.
func (m *Manager) Ready() error {
	cur := m.snap.Load().current
	for _, alg := range algorithms {
		if cur[alg] == nil {
			return idp.Errorf(idp.EUnavailable, "no current %s signing key", alg)
		}
	}
	return nil
}
