package authn

import (
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// throttleTo sets small buckets: 3 failed logins and 2 signups per IP,
// one more every minute.
func (e *env) throttleTo(edit func(*idp.IPThrottleSettings)) {
	e.tenant(func(t *idp.Tenant) {
		t.IPThrottle.PreLogin = idp.ThrottleRate{MaxAttempts: 3, Every: time.Minute}
		t.IPThrottle.PreRegistration = idp.ThrottleRate{MaxAttempts: 2, Every: time.Minute}
		if edit != nil {
			edit(&t.IPThrottle)
		}
	})
}

// TestThrottleFailedLoginsAcrossAccounts: failures against different
// accounts, known or not, from one IP empty its bucket; then even a right
// password from that IP is refused with Auth0's text, other IPs are not
// affected, and one attempt comes back after the refill interval.
func TestThrottleFailedLoginsAcrossAccounts(t *testing.T) {
	e := newEnv(t)
	e.throttleTo(nil)
	e.addUser("a@example.com")
	for _, who := range []string{"a@example.com", "nobody@example.com", "other@example.com"} {
		_, err := e.login(who, "wrong", "203.0.113.9")
		wantCode(t, err, idp.EUnauthorized)
	}
	_, err := e.login("a@example.com", testPassword, "203.0.113.9")
	wantCode(t, err, idp.ETooManyAttempts)
	if idp.ErrorMessage(err) != msgSuspicious {
		t.Fatalf("message %q", idp.ErrorMessage(err))
	}
	if _, err := e.login("a@example.com", testPassword, "198.51.100.7"); err != nil {
		t.Fatalf("another IP: %v", err)
	}
	e.advance(time.Minute)
	if _, err := e.login("a@example.com", testPassword, "::ffff:203.0.113.9"); err != nil {
		t.Fatalf("after the refill: %v", err)
	}
}

// TestThrottleCountsOnlyFailures: successful logins draw nothing.
func TestThrottleCountsOnlyFailures(t *testing.T) {
	e := newEnv(t)
	e.throttleTo(nil)
	e.addUser("a@example.com")
	for range 5 {
		if _, err := e.login("a@example.com", testPassword, "203.0.113.9"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestThrottleSettings(t *testing.T) {
	tests := map[string]func(*idp.IPThrottleSettings){
		"disabled":        func(s *idp.IPThrottleSettings) { s.Enabled = false },
		"monitoring only": func(s *idp.IPThrottleSettings) { s.Shields = []string{"admin_notification"} },
		"allowlisted":     func(s *idp.IPThrottleSettings) { s.Allowlist = []string{"203.0.113.0/24"} },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			e.throttleTo(edit)
			e.addUser("a@example.com")
			for range 4 {
				e.login("a@example.com", "wrong", "203.0.113.9")
			}
			if _, err := e.login("a@example.com", testPassword, "203.0.113.9"); err != nil {
				t.Fatalf("login: %v", err)
			}
		})
	}
}

// TestThrottleSignups: every well-formed signup attempt counts, a failed
// one too; a malformed one does not.
func TestThrottleSignups(t *testing.T) {
	e := newEnv(t)
	e.throttleTo(nil)
	signup := func(email, password string) error {
		_, err := e.svc.Signup(e.ctx, SignupInput{ClientID: testClient, Connection: e.conn.Name,
			Email: email, Password: password, IP: "203.0.113.9"})
		return err
	}
	if err := signup("", testPassword); err == nil {
		t.Fatal("signup without connection-level input errors passed")
	}
	_, err := e.svc.Signup(e.ctx, SignupInput{Connection: e.conn.Name, Email: "x@example.com",
		Password: testPassword, IP: "203.0.113.9"}) // no client_id: malformed, not counted
	wantReason(t, err, ReasonParameter)
	if err := signup("weak@example.com", "weak"); idp.ErrorCode(err) == idp.ETooManyAttempts {
		t.Fatal("refused too early")
	}
	if err := signup("b@example.com", testPassword); err != nil && idp.ErrorCode(err) == idp.ETooManyAttempts {
		t.Fatal("refused too early")
	}
	err = signup("c@example.com", testPassword)
	wantCode(t, err, idp.ETooManyAttempts)
	if _, err := e.store.GetUserByEmail(e.ctx, e.conn.Name, "c@example.com"); !idp.IsNotFound(err) {
		t.Fatalf("a throttled signup stored a user: %v", err)
	}
}

// TestUnblockIP: an administrator lifts an IP's throttle at once.
func TestUnblockIP(t *testing.T) {
	e := newEnv(t)
	e.throttleTo(nil)
	e.addUser("a@example.com")
	for range 3 {
		e.login("a@example.com", "wrong", "203.0.113.9")
	}
	_, err := e.login("a@example.com", testPassword, "203.0.113.9")
	wantCode(t, err, idp.ETooManyAttempts)
	if err := e.svc.UnblockIP(e.ctx, "::ffff:203.0.113.9"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.login("a@example.com", testPassword, "203.0.113.9"); err != nil {
		t.Fatalf("after the unblock: %v", err)
	}
	wantCode(t, e.svc.UnblockIP(e.ctx, "proxy.example"), idp.EInvalid)
}
