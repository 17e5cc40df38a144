package storetest

import (
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// testCodeRace: 8 concurrent exchanges of one code, each at its own time.
// Exactly one succeeds; the seven others get EConflict and the code as the
// winner stored it.
func testCodeRace(t *testing.T, s idp.Store) {
	must(t, s.CreateAuthCode(t.Context(), newCode(1)))
	const n = 8
	// A first round on an unknown code opens the pool's connections, so
	// that the real round is not spread out by connecting.
	race(n, func(int) error { _, err := consume(t, s, 9, at(10)); return err })
	got := make([]idp.AuthCode, n)
	errs := race(n, func(i int) error {
		var err error
		got[i], err = s.ConsumeAuthCode(t.Context(), newCode(1).Hash, at(10+i))
		return err
	})
	if c := codes(errs); c[""] != 1 || c[idp.EConflict] != n-1 {
		t.Fatalf("outcomes %v, want 1 success and %d conflicts", c, n-1)
	}
	winner := -1
	for i, err := range errs {
		if err == nil {
			winner = i
		}
	}
	for i := range n {
		same(t, "code returned to a racer", got[i], usedAt(1, at(10+winner)))
	}
}
