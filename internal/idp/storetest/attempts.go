package storetest

import (
	"errors"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func attemptTests() []test {
	return []test{
		{"Attempts/TakeUntilEmpty", testAttemptsTake},
		{"Attempts/RefillFractions", testAttemptsRefill},
		{"Attempts/CappedAtMax", testAttemptsCap},
		{"Attempts/UnknownKey", testAttemptsUnknown},
		{"Attempts/NewSettings", testAttemptsNewSettings},
		{"Attempts/KeysIndependent", testAttemptsKeys},
		{"Attempts/BadSettings", testAttemptsBad},
		{"Attempts/Atomic", testAttemptsAtomic},
		{"Attempts/Race", testAttemptsRace},
		{"Attempts/Clear", testAttemptsClear},
	}
}

// testAttemptsClear: a cleared bucket is full again, others keep theirs;
// clearing an unknown key is not an error.
func testAttemptsClear(t *testing.T, s idp.Store) {
	r := rate(2, time.Hour)
	takes(t, s, bucket, r, t0, 2, true)
	takes(t, s, bucket2, r, t0, 1, true)
	must(t, s.ClearAttempts(t.Context(), bucket))
	wantLeft(t, s, bucket, r, t0, 2)
	wantLeft(t, s, bucket2, r, t0, 1)
	takes(t, s, bucket, r, t0, 2, true)
	must(t, s.ClearAttempts(t.Context(), "pre-login:never-seen"))
}

const bucket, bucket2 = "pre-login:" + ip1, "pre-login:" + ip2

// rate returns a bucket of up to n attempts, one more every every.
func rate(n int, every time.Duration) idp.ThrottleRate {
	return idp.ThrottleRate{MaxAttempts: n, Every: every}
}

// take takes one attempt from bucket key at now and reports whether it could.
func take(t *testing.T, s idp.Store, key string, r idp.ThrottleRate, now time.Time) bool {
	t.Helper()
	ok, err := s.TakeAttempt(t.Context(), key, r.MaxAttempts, r.Every, now)
	must(t, err)
	return ok
}

// takes takes n attempts and fails unless each gets the answer want.
func takes(t *testing.T, s idp.Store, key string, r idp.ThrottleRate, now time.Time, n int, want bool) {
	t.Helper()
	for i := range n {
		if got := take(t, s, key, r, now); got != want {
			t.Fatalf("take %d of %d from %s at %v: ok = %v, want %v", i+1, n, key, now, got, want)
		}
	}
}

// leftSlack is how far AttemptsLeft may be off: stores may keep times to
// the millisecond, a thousandth of a 1 s rate, and round floats.
const leftSlack = 2e-3

// wantLeft fails unless bucket key holds want at now.
func wantLeft(t *testing.T, s idp.Store, key string, r idp.ThrottleRate, now time.Time, want float64) {
	t.Helper()
	got, err := s.AttemptsLeft(t.Context(), key, r.MaxAttempts, r.Every, now)
	must(t, err)
	if math.Abs(got-want) > leftSlack {
		t.Fatalf("AttemptsLeft(%s, %+v) at %v = %v, want %v", key, r, now, got, want)
	}
}

// testAttemptsTake: a bucket starts full, gives max attempts, then
// refuses, and a refusal takes nothing.
func testAttemptsTake(t *testing.T, s idp.Store) {
	r := rate(3, time.Minute)
	takes(t, s, bucket, r, t0, 3, true)
	wantLeft(t, s, bucket, r, t0, 0)
	takes(t, s, bucket, r, t0, 2, false)
	wantLeft(t, s, bucket, r, t0, 0)
}

// testAttemptsRefill: the bucket regains fractions of an attempt, keeps
// them through a refusal, and a take needs a whole attempt.
func testAttemptsRefill(t *testing.T, s idp.Store) {
	r := rate(2, time.Second)
	takes(t, s, bucket, r, t0, 2, true)
	later := t0.Add(1500 * time.Millisecond)
	wantLeft(t, s, bucket, r, later, 1.5)
	takes(t, s, bucket, r, later, 1, true)
	wantLeft(t, s, bucket, r, later, 0.5)
	takes(t, s, bucket, r, later, 1, false)
	wantLeft(t, s, bucket, r, later, 0.5)
	wantLeft(t, s, bucket, r, at(2), 1)
	takes(t, s, bucket, r, at(2), 1, true)
	takes(t, s, bucket, r, at(2), 1, false)
}

// testAttemptsCap: however long it waits, a bucket holds at most max.
func testAttemptsCap(t *testing.T, s idp.Store) {
	r := rate(3, time.Second)
	takes(t, s, bucket, r, t0, 1, true)
	wantLeft(t, s, bucket, r, at(3600), 3)
	takes(t, s, bucket, r, at(3600), 3, true)
	takes(t, s, bucket, r, at(3600), 1, false)
}

// testAttemptsUnknown: an unknown bucket holds max, and asking stores
// nothing: a second question with another max sees that max.
func testAttemptsUnknown(t *testing.T, s idp.Store) {
	wantLeft(t, s, bucket, rate(7, time.Second), t0, 7)
	wantLeft(t, s, bucket, rate(9, time.Second), at(1), 9)
}

// testAttemptsNewSettings: the max and rate of each call apply at once; a
// lowered max caps what the bucket holds, a raised one refills no faster.
func testAttemptsNewSettings(t *testing.T, s idp.Store) {
	wide, narrow := rate(10, time.Hour), rate(5, time.Hour)
	takes(t, s, bucket, wide, t0, 2, true)
	wantLeft(t, s, bucket, wide, t0, 8)
	wantLeft(t, s, bucket, narrow, t0, 5)
	takes(t, s, bucket, narrow, t0, 5, true)
	takes(t, s, bucket, narrow, t0, 1, false)
	wantLeft(t, s, bucket, wide, t0, 0)
	wantLeft(t, s, bucket, rate(10, 30*time.Minute), t0.Add(45*time.Minute), 1.5)
}

// testAttemptsKeys: buckets are independent.
func testAttemptsKeys(t *testing.T, s idp.Store) {
	r := rate(1, time.Hour)
	takes(t, s, bucket, r, t0, 1, true)
	takes(t, s, bucket, r, t0, 1, false)
	takes(t, s, bucket2, r, t0, 1, true)
	wantLeft(t, s, bucket, r, t0, 0)
	wantLeft(t, s, bucket2, r, t0, 0)
	wantLeft(t, s, "pre-user-registration:"+ip1, r, t0, 1)
}

// testAttemptsBad: a rate that is not positive is EInvalid; a max below
// one holds nothing to take.
func testAttemptsBad(t *testing.T, s idp.Store) {
	_, err := s.TakeAttempt(t.Context(), bucket, 3, 0, t0)
	wantCode(t, err, idp.EInvalid)
	_, err = s.AttemptsLeft(t.Context(), bucket, 3, -time.Second, t0)
	wantCode(t, err, idp.EInvalid)
	takes(t, s, bucket, rate(0, time.Second), t0, 1, false)
	wantLeft(t, s, bucket, rate(0, time.Second), t0, 0)
	wantLeft(t, s, bucket, rate(3, time.Second), t0, 3)
}

// testAttemptsAtomic: inside Atomic a take is seen by the transaction and
// undone with it.
func testAttemptsAtomic(t *testing.T, s idp.Store) {
	r := rate(2, time.Hour)
	boom := errors.New("boom")
	err := s.Atomic(t.Context(), func(tx idp.Store) error {
		takes(t, tx, bucket, r, t0, 2, true)
		wantLeft(t, tx, bucket, r, t0, 0)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Atomic error = %v, want fn's error", err)
	}
	wantLeft(t, s, bucket, r, t0, 2)
	must(t, s.Atomic(t.Context(), func(tx idp.Store) error {
		takes(t, tx, bucket, r, t0, 1, true)
		return nil
	}))
	wantLeft(t, s, bucket, r, t0, 1)
}

// testAttemptsRace: 16 concurrent takes at one instant from a new bucket
// of 5: exactly 5 succeed, the first take included in the race.
func testAttemptsRace(t *testing.T, s idp.Store) {
	const n, size = 16, 5
	r := rate(size, time.Hour)
	// A first round on another bucket opens the pool's connections, so
	// that the real round is not spread out by connecting.
	race(n, func(int) error { _, err := s.AttemptsLeft(t.Context(), bucket2, size, r.Every, t0); return err })
	var won atomic.Int32
	errs := race(n, func(int) error {
		ok, err := s.TakeAttempt(t.Context(), bucket, size, r.Every, t0)
		if ok {
			won.Add(1)
		}
		return err
	})
	if c := codes(errs); c[""] != n {
		t.Fatalf("outcomes %v, want %d calls without error", c, n)
	}
	if won.Load() != size {
		t.Fatalf("%d of %d concurrent takes succeeded from a bucket of %d", won.Load(), n, size)
	}
	wantLeft(t, s, bucket, r, t0, 0)
}
