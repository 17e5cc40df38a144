package storetest

import (
	"cmp"
	"slices"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func failureTests() []test {
	return []test{
		{"LoginFailures/Record", testFailuresRecord},
		{"LoginFailures/Clear", testFailuresClear},
		{"LoginFailures/Race", testFailuresRace},
	}
}

const ip1, ip2 = "203.0.113.7", "2001:db8::1"

func wantFailures(t *testing.T, s idp.Store, user string, want ...idp.LoginFailures) {
	t.Helper()
	got, err := s.ListLoginFailures(t.Context(), user)
	must(t, err)
	byIP := func(a, b idp.LoginFailures) int { return cmp.Compare(a.IP, b.IP) }
	slices.SortFunc(got, byIP)
	slices.SortFunc(want, byIP)
	same(t, "login failures of "+user+", by IP", got, want)
}

func testFailuresRecord(t *testing.T, s idp.Store) {
	u := newUser(1).ID
	got, err := s.GetLoginFailures(t.Context(), u, ip1)
	must(t, err)
	if got.Count != 0 {
		t.Fatalf("count before any failure = %d, want 0", got.Count)
	}
	for i, want := range []int{1, 2, 3} {
		n, err := s.RecordLoginFailure(t.Context(), u, ip1, at(i))
		must(t, err)
		if n != want {
			t.Fatalf("failure %d: count %d, want %d", i+1, n, want)
		}
	}
	must2(t)(s.RecordLoginFailure(t.Context(), u, ip2, at(5)))
	must2(t)(s.RecordLoginFailure(t.Context(), newUser(2).ID, ip1, at(6)))
	got, err = s.GetLoginFailures(t.Context(), u, ip1)
	must(t, err)
	same(t, "counter", got, idp.LoginFailures{UserID: u, IP: ip1, Count: 3, LastFailed: at(2)})
	wantFailures(t, s, u,
		idp.LoginFailures{UserID: u, IP: ip1, Count: 3, LastFailed: at(2)},
		idp.LoginFailures{UserID: u, IP: ip2, Count: 1, LastFailed: at(5)})
	wantFailures(t, s, newUser(3).ID)
}

// must2 checks the error of a call returning a value and an error.
func must2(t *testing.T) func(int, error) {
	return func(_ int, err error) { t.Helper(); must(t, err) }
}

func testFailuresClear(t *testing.T, s idp.Store) {
	u, other := newUser(1).ID, newUser(2).ID
	for _, ip := range []string{ip1, ip2} {
		must2(t)(s.RecordLoginFailure(t.Context(), u, ip, at(1)))
		must2(t)(s.RecordLoginFailure(t.Context(), other, ip, at(1)))
	}
	must(t, s.ClearLoginFailures(t.Context(), u, ip1))
	wantFailures(t, s, u, idp.LoginFailures{UserID: u, IP: ip2, Count: 1, LastFailed: at(1)})
	must2(t)(s.RecordLoginFailure(t.Context(), u, ip1, at(2)))
	must(t, s.ClearLoginFailures(t.Context(), u, ""))
	wantFailures(t, s, u)
	if got := len(mustList(t, s, other)); got != 2 {
		t.Fatalf("other user has %d counters after clearing, want 2", got)
	}
	must(t, s.ClearLoginFailures(t.Context(), newUser(3).ID, "")) // none: no error
}

func mustList(t *testing.T, s idp.Store, user string) []idp.LoginFailures {
	t.Helper()
	l, err := s.ListLoginFailures(t.Context(), user)
	must(t, err)
	return l
}

// testFailuresRace: concurrent failures are all counted, each seeing its
// own new count.
func testFailuresRace(t *testing.T, s idp.Store) {
	u := newUser(1).ID
	const n = 16
	counts := make([]int, n)
	errs := race(n, func(i int) error {
		var err error
		counts[i], err = s.RecordLoginFailure(t.Context(), u, ip1, at(i))
		return err
	})
	if got := codes(errs); got[""] != n {
		t.Fatalf("outcomes %v, want %d successes", got, n)
	}
	slices.Sort(counts)
	for i, c := range counts {
		if c != i+1 {
			t.Fatalf("returned counts %v, want 1..%d", counts, n)
		}
	}
	got, err := s.GetLoginFailures(t.Context(), u, ip1)
	must(t, err)
	if got.Count != n {
		t.Fatalf("count %d after %d concurrent failures", got.Count, n)
	}
}
