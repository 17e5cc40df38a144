package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// purgeCode is one authorization code of testPurgeCodes.
type purgeCode struct {
	expired time.Duration // how long before purgeAt it expired
	used    bool
	kept    bool
}

// testPurgeCodes: codes stay until codeGrace after their expiry, used or
// not, so that a replay shortly after expiry is still told EConflict.
func testPurgeCodes(t *testing.T, s idp.Store) {
	cases := map[int]purgeCode{
		1: {expired: -time.Minute, kept: true},
		2: {expired: codeGrace - time.Second, used: true, kept: true},
		3: {expired: codeGrace - time.Second, kept: true},
		4: {expired: codeGrace, used: true},
		5: {expired: time.Hour},
	}
	for n, c := range cases {
		code := newCode(n)
		code.ExpiresAt = purgeAt.Add(-c.expired)
		must(t, s.CreateAuthCode(t.Context(), code))
		if c.used {
			must2c(t)(consume(t, s, n, at(n)))
		}
	}
	purge(t, s)
	for n, c := range cases {
		_, err := consume(t, s, n, at(n))
		if got, want := idp.ErrorCode(err), c.afterPurge(); got != want {
			t.Fatalf("code %d (expired %v before the purge, used %v): error %v, want code %q",
				n, c.expired, c.used, err, want)
		}
	}
}

// afterPurge is the error code of using the code after the purge: a
// purged code is unknown, a kept one is used now or replayed.
func (c purgeCode) afterPurge() string {
	switch {
	case !c.kept:
		return idp.ENotFound
	case c.used:
		return idp.EConflict
	}
	return ""
}

// must2c checks the error of a ConsumeAuthCode.
func must2c(t *testing.T) func(idp.AuthCode, error) {
	return func(_ idp.AuthCode, err error) { t.Helper(); must(t, err) }
}

// testPurgeRefresh: refresh tokens go once their absolute expiry passes;
// non-expiring ones (zero ExpiresAt) and revoked live ones stay.
func testPurgeRefresh(t *testing.T, s idp.Store) {
	ends := map[int]time.Time{1: purgeAt, 2: at(100), 3: purgeAt.Add(time.Millisecond), 4: {}, 5: purgeAt.Add(time.Hour)}
	for n, end := range ends {
		rt := newRefresh(n, fmt.Sprintf("fam_%d", n))
		rt.ExpiresAt, rt.Revoked = end, n == 5
		must(t, s.CreateRefreshToken(t.Context(), rt))
	}
	purge(t, s)
	for n := range ends {
		_, err := getRefresh(t, s, n)
		wantStored(t, fmt.Sprintf("refresh token %d", n), err, n > 2)
	}
}
