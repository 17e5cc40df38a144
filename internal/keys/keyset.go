package keys

import (
	"crypto"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// KeyInfo describes a stored key for listings; it never holds key material.
type KeyInfo struct {
	KID       string
	Alg       string
	State     string
	CreatedAt time.Time
	RotatedAt time.Time // zero while current
	RetireAt  time.Time // zero while current
}

// snapshot is an immutable view of the keys, swapped whole on reload so
// Sign, JWKS and PublicKey never lock.
type snapshot struct {
	stamp   string            // what the store said; equal stamps mean no change
	byKID   map[string]*entry // published keys
	current map[string]*entry // by alg
	jwks    []byte
	list    []KeyInfo // every key the store listed
}

// entry is one published key, parsed once and reused across reloads.
type entry struct {
	alg     string
	pub     crypto.PublicKey
	jwk     jose.JSONWebKey
	signers map[string]jose.Signer // by typ; nil for keys that cannot sign
}

// published reports whether k belongs in the JWKS at now.
func published(k idp.SigningKey, now time.Time) bool {
	switch k.State {
	case idp.KeyCurrent, idp.KeyNext:
		return true
	case idp.KeyPrevious:
		return k.RetireAt.IsZero() || now.Before(k.RetireAt)
	}
	return false
}

// stampOf fingerprints rows and which of them are published at now.
func stampOf(rows []idp.SigningKey, now time.Time) string {
	var b strings.Builder
	for _, k := range rows {
		fmt.Fprintf(&b, "%s %s %s %d %d %t;", k.KID, k.Alg, k.State,
			k.RotatedAt.UnixNano(), k.RetireAt.UnixNano(), published(k, now))
	}
	return b.String()
}

// canSign reports whether a key in state may sign, now or after a rotation.
func canSign(state string) bool { return state == idp.KeyCurrent || state == idp.KeyNext }

// buildSnapshot parses rows into a snapshot, reusing prev's parsed entries.
func buildSnapshot(prev *snapshot, rows []idp.SigningKey, now time.Time, c *Cipher) (*snapshot, error) {
	s := &snapshot{stamp: stampOf(rows, now), byKID: map[string]*entry{}, current: map[string]*entry{}}
	keys := []jose.JSONWebKey{}
	for _, k := range rows {
		s.list = append(s.list, KeyInfo{k.KID, k.Alg, k.State, k.CreatedAt, k.RotatedAt, k.RetireAt})
		if !published(k, now) {
			continue
		}
		e, err := reuseOrParse(prev, k, c)
		if err != nil {
			return nil, err
		}
		s.byKID[k.KID] = e
		keys = append(keys, e.jwk)
		if k.State == idp.KeyCurrent {
			s.current[k.Alg] = e
		}
	}
	jwks, err := json.Marshal(jose.JSONWebKeySet{Keys: keys})
	if err != nil {
		return nil, fmt.Errorf("keys: render JWKS: %w", err)
	}
	s.jwks = jwks
	return s, nil
}

// reuseOrParse returns prev's entry for k when it has what k's state needs.
func reuseOrParse(prev *snapshot, k idp.SigningKey, c *Cipher) (*entry, error) {
	if prev != nil {
		if e, ok := prev.byKID[k.KID]; ok && (e.signers != nil || !canSign(k.State)) {
			return e, nil
		}
	}
	return parseEntry(k, c)
}
