package storetest

import (
	"fmt"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func keyTests() []test {
	return []test{
		{"SigningKey/InsertFirst", testKeyInsertFirst},
		{"SigningKey/Rotate", testKeyRotate},
		{"SigningKey/RotateStale", testKeyRotateStale},
		{"SigningKey/RaceInsertFirst", testKeyRaceInsertFirst},
		{"SigningKey/RaceRotate", testKeyRaceRotate},
	}
}

func newKey(n int, alg string) idp.SigningKey {
	return idp.SigningKey{
		KID:        fmt.Sprintf("kid%018d", n),
		Alg:        alg,
		State:      idp.KeyCurrent,
		PrivateKey: []byte(fmt.Sprintf("encrypted-pkcs8-%d\x00\xff", n)),
		Cert:       []byte(fmt.Sprintf("x509-der-%d\x00\xff", n)),
		CreatedAt:  at(n),
	}
}

// nextKey is a key handed to RotateSigningKey, as yet unpublished.
func nextKey(n int, alg string) idp.SigningKey {
	k := newKey(n, alg)
	k.State = idp.KeyNext
	return k
}

// asPrevious is k after a rotation at now.
func asPrevious(k idp.SigningKey, now, retire int) idp.SigningKey {
	k.State, k.RotatedAt, k.RetireAt = idp.KeyPrevious, at(now), at(retire)
	return k
}

func asCurrent(k idp.SigningKey) idp.SigningKey {
	k.State = idp.KeyCurrent
	return k
}

func wantKeys(t *testing.T, s idp.Store, want ...idp.SigningKey) {
	t.Helper()
	got, err := s.ListSigningKeys(t.Context())
	must(t, err)
	same(t, "signing keys, oldest first", got, want)
}

func testKeyInsertFirst(t *testing.T, s idp.Store) {
	wantKeys(t, s)
	rs := newKey(1, "RS256")
	must(t, s.InsertFirstSigningKey(t.Context(), rs))
	wantCode(t, s.InsertFirstSigningKey(t.Context(), newKey(2, "RS256")), idp.EConflict)
	es := newKey(3, "ES256")
	must(t, s.InsertFirstSigningKey(t.Context(), es))
	wantKeys(t, s, rs, es)
}

func testKeyRotate(t *testing.T, s idp.Store) {
	k1, k2, k3 := newKey(1, "RS256"), nextKey(2, "RS256"), nextKey(3, "RS256")
	must(t, s.InsertFirstSigningKey(t.Context(), k1))
	must(t, s.RotateSigningKey(t.Context(), k1.KID, k2, at(10), at(20)))
	wantKeys(t, s, asPrevious(k1, 10, 20), asCurrent(k2))
	// k1's RetireAt (20) has passed at 30: it is retired and unlisted.
	must(t, s.RotateSigningKey(t.Context(), k2.KID, k3, at(30), at(40)))
	wantKeys(t, s, asPrevious(k2, 30, 40), asCurrent(k3))
}

func testKeyRotateStale(t *testing.T, s idp.Store) {
	k1, es := newKey(1, "RS256"), newKey(2, "ES256")
	must(t, s.InsertFirstSigningKey(t.Context(), k1))
	must(t, s.InsertFirstSigningKey(t.Context(), es))
	must(t, s.RotateSigningKey(t.Context(), k1.KID, nextKey(3, "RS256"), at(10), at(20)))
	tests := []struct {
		name    string
		current string
		next    idp.SigningKey
	}{
		{"no longer current", k1.KID, nextKey(4, "RS256")},
		{"unknown kid", "nope", nextKey(4, "RS256")},
		{"current of another alg", es.KID, nextKey(4, "RS256")},
		{"no current key for the alg", k1.KID, nextKey(4, "PS256")},
	}
	for _, tc := range tests {
		err := s.RotateSigningKey(t.Context(), tc.current, tc.next, at(11), at(21))
		if idp.ErrorCode(err) != idp.EConflict {
			t.Fatalf("%s: error %v, want code conflict", tc.name, err)
		}
	}
	wantKeys(t, s, asPrevious(k1, 10, 20), es, asCurrent(nextKey(3, "RS256")))
}

// testKeyRaceInsertFirst: replicas starting at once; one key wins per alg.
func testKeyRaceInsertFirst(t *testing.T, s idp.Store) {
	algs := []string{"RS256", "ES256"}
	errs := race(8, func(i int) error {
		return s.InsertFirstSigningKey(t.Context(), newKey(i+1, algs[i%2]))
	})
	if got := codes(errs); got[""] != 2 || got[idp.EConflict] != 6 {
		t.Fatalf("outcomes %v, want 2 successes and 6 conflicts", got)
	}
	keys, err := s.ListSigningKeys(t.Context())
	must(t, err)
	wantOneCurrentPerAlg(t, keys, algs...)
}

// testKeyRaceRotate: replicas rotating the same key; one wins.
func testKeyRaceRotate(t *testing.T, s idp.Store) {
	k1 := newKey(1, "RS256")
	must(t, s.InsertFirstSigningKey(t.Context(), k1))
	errs := race(8, func(i int) error {
		return s.RotateSigningKey(t.Context(), k1.KID, nextKey(i+2, "RS256"), at(10), at(20))
	})
	if got := codes(errs); got[""] != 1 || got[idp.EConflict] != 7 {
		t.Fatalf("outcomes %v, want 1 success and 7 conflicts", got)
	}
	winner := 0
	for i, err := range errs {
		if err == nil {
			winner = i + 2
		}
	}
	wantKeys(t, s, asPrevious(k1, 10, 20), asCurrent(nextKey(winner, "RS256")))
}

func wantOneCurrentPerAlg(t *testing.T, keys []idp.SigningKey, algs ...string) {
	t.Helper()
	current := map[string]int{}
	for _, k := range keys {
		if k.State == idp.KeyCurrent {
			current[k.Alg]++
		}
	}
	for _, alg := range algs {
		if current[alg] != 1 {
			t.Fatalf("%d current %s keys in %d listed, want 1", current[alg], alg, len(keys))
		}
	}
	if len(keys) != len(algs) {
		t.Fatalf("%d keys listed, want %d", len(keys), len(algs))
	}
}
