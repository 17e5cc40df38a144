package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func codeTests() []test {
	return []test{
		{"AuthCode/Consume", testCodeConsume},
		{"AuthCode/Replay", testCodeReplay},
		{"AuthCode/Expired", testCodeExpired},
		{"AuthCode/ReplayAfterExpiry", testCodeReplayAfterExpiry},
		{"AuthCode/RollbackInAtomic", testCodeRollback},
		{"AuthCode/RaceConsume", testCodeRace},
	}
}

// newCode returns code n, issued at at(n) for one minute.
func newCode(n int) idp.AuthCode {
	return idp.AuthCode{
		Hash:     idp.TokenHash(fmt.Sprintf("authorization-code-%d", n)),
		ClientID: newClient(1).ID, UserID: newUser(1).ID,
		RedirectURI: "https://app.example.com/callback",
		Scope:       "openid profile offline_access", Audience: apiIdentifier(1),
		Nonce:         "n-0S6_WzA2Mj",
		CodeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", CodeChallengeMethod: "S256",
		SessionID: "sess_1", AuthTime: at(n - 30), CreatedAt: at(n), ExpiresAt: at(n + 60),
		// UsedAt stays zero until the exchange.
	}
}

// consume calls ConsumeAuthCode for code n at now.
func consume(t *testing.T, s idp.Store, n int, now time.Time) (idp.AuthCode, error) {
	t.Helper()
	return s.ConsumeAuthCode(t.Context(), newCode(n).Hash, now)
}

// usedAt returns code n as stored once used at when.
func usedAt(n int, when time.Time) idp.AuthCode {
	c := newCode(n)
	c.UsedAt = when
	return c
}

func testCodeConsume(t *testing.T, s idp.Store) {
	must(t, s.CreateAuthCode(t.Context(), newCode(1)))
	must(t, s.CreateAuthCode(t.Context(), newCode(2)))
	wantCode(t, s.CreateAuthCode(t.Context(), newCode(1)), idp.EConflict)
	got, err := consume(t, s, 1, at(10))
	must(t, err)
	same(t, "consumed code", got, usedAt(1, at(10)))
	got, err = consume(t, s, 9, at(10))
	wantCode(t, err, idp.ENotFound)
	same(t, "unknown code", got, idp.AuthCode{})
	got, err = consume(t, s, 2, at(10)) // consuming one code leaves others alone
	must(t, err)
	same(t, "other code", got, usedAt(2, at(10)))
}

// testCodeReplay: every later use returns the stored code, whose UsedAt
// is the first use, with EConflict.
func testCodeReplay(t *testing.T, s idp.Store) {
	must(t, s.CreateAuthCode(t.Context(), newCode(1)))
	_, err := consume(t, s, 1, at(10))
	must(t, err)
	for _, now := range []time.Time{at(10), at(20), at(5)} {
		got, err := consume(t, s, 1, now)
		wantCode(t, err, idp.EConflict)
		same(t, "replayed code", got, usedAt(1, at(10)))
	}
}

// testCodeExpired: an unused code is ENotFound from its ExpiresAt on, or
// always if it has none, and the failed attempt changes nothing.
func testCodeExpired(t *testing.T, s idp.Store) {
	noExpiry := newCode(2)
	noExpiry.ExpiresAt = time.Time{}
	must(t, s.CreateAuthCode(t.Context(), newCode(1)))
	must(t, s.CreateAuthCode(t.Context(), noExpiry))
	for _, now := range []time.Time{at(61), at(3600)} {
		got, err := consume(t, s, 1, now)
		wantCode(t, err, idp.ENotFound)
		same(t, "expired code", got, idp.AuthCode{})
	}
	_, err := consume(t, s, 2, at(2))
	wantCode(t, err, idp.ENotFound)
	// The attempts did not mark it used: a clock that lags may still use it.
	got, err := consume(t, s, 1, at(61).Add(-time.Millisecond))
	must(t, err)
	same(t, "code consumed just before expiry", got, usedAt(1, at(61).Add(-time.Millisecond)))
}

// testCodeReplayAfterExpiry: a used code stays a replay (EConflict) after
// it expires, so the caller can still revoke what it issued.
func testCodeReplayAfterExpiry(t *testing.T, s idp.Store) {
	must(t, s.CreateAuthCode(t.Context(), newCode(1)))
	_, err := consume(t, s, 1, at(10))
	must(t, err)
	got, err := consume(t, s, 1, at(61))
	wantCode(t, err, idp.EConflict)
	same(t, "code replayed after expiry", got, usedAt(1, at(10)))
}

// testCodeRollback: a use inside Atomic that rolls back leaves the code
// unused.
func testCodeRollback(t *testing.T, s idp.Store) {
	must(t, s.CreateAuthCode(t.Context(), newCode(1)))
	boom := errors.New("boom")
	err := s.Atomic(t.Context(), func(tx idp.Store) error {
		_, err := tx.ConsumeAuthCode(t.Context(), newCode(1).Hash, at(10))
		must(t, err)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Atomic error = %v, want fn's error", err)
	}
	got, err := consume(t, s, 1, at(20))
	must(t, err)
	same(t, "code after the rolled-back use", got, usedAt(1, at(20)))
}
