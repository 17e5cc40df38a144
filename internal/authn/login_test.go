package authn

import (
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestLoginRecordsTheLogin(t *testing.T) {
	e := newEnv(t)
	created := e.addUser("ana@example.com")
	u, err := e.login("ANA@example.com ", testPassword, "203.0.113.7")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != created.ID || u.LoginsCount != 1 || u.LastIP != "203.0.113.7" || !u.LastLogin.Equal(e.clock()) {
		t.Fatalf("user after login: %+v", u)
	}
	stored, _ := e.store.GetUser(e.ctx, u.ID)
	if stored.LoginsCount != 1 || stored.PasswordHash != created.PasswordHash {
		t.Fatalf("stored: count %d, hash changed %v", stored.LoginsCount, stored.PasswordHash != created.PasswordHash)
	}
}

func TestLoginByUsername(t *testing.T) {
	e := newEnv(t)
	e.conn = e.addConnection("with-usernames", idp.ConnectionOptions{RequiresUsername: true})
	_, err := e.svc.CreateUser(e.ctx, SignupInput{Connection: e.conn.Name, Email: "bo@example.com",
		Username: "bo", Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"bo", "bo@example.com"} {
		if _, err := e.login(name, "x", "192.0.2.1"); err != nil {
			t.Errorf("login as %q: %v", name, err)
		}
	}
}

// TestWrongPasswordLooksLikeUnknownUser checks that nothing in the error
// (and little in the timing) tells whether the email is registered.
func TestWrongPasswordLooksLikeUnknownUser(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	start := time.Now()
	_, wrong := e.login("ana@example.com", "nope", "192.0.2.1")
	tWrong := time.Since(start)
	start = time.Now()
	_, unknown := e.login("nobody@example.com", "nope", "192.0.2.1")
	tUnknown := time.Since(start)
	wantCode(t, wrong, idp.EUnauthorized)
	if wrong.Error() != unknown.Error() || idp.ErrorMessage(wrong) != "Wrong email or password." {
		t.Fatalf("wrong password %q, unknown user %q", wrong, unknown)
	}
	if tUnknown < tWrong/3 {
		t.Errorf("unknown user took %v, wrong password %v: no dummy hash?", tUnknown, tWrong)
	}
}

func TestLoginErrors(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	_, err := e.svc.Login(e.ctx, "no-such-connection", "ana@example.com", testPassword, "192.0.2.1")
	wantReason(t, err, ReasonConnection)
	_, err = e.login("", testPassword, "192.0.2.1")
	wantCode(t, err, idp.EUnauthorized)

	e.store.UpdateUser(e.ctx, u.ID, func(v *idp.User) error { v.Blocked = true; return nil })
	_, err = e.login("ana@example.com", testPassword, "192.0.2.1")
	wantCode(t, err, idp.EBlocked)
	if idp.ErrorMessage(err) != "user is blocked" {
		t.Errorf("blocked message %q", idp.ErrorMessage(err))
	}
	_, err = e.login("ana@example.com", "wrong", "192.0.2.1")
	wantCode(t, err, idp.EUnauthorized) // a blocked account is not revealed by a wrong password
}

func TestBruteForceBlocksUserAndIP(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	const attacker, other = "198.51.100.9", "203.0.113.7"
	for i := 0; i < 10; i++ {
		_, err := e.login("ana@example.com", "guess", attacker)
		wantCode(t, err, idp.EUnauthorized)
	}
	_, err := e.login("ana@example.com", testPassword, attacker)
	wantCode(t, err, idp.ETooManyAttempts)
	if idp.ErrorMessage(err) != msgTooManyAttempts {
		t.Errorf("message %q", idp.ErrorMessage(err))
	}
	if _, err := e.login("ana@example.com", testPassword, other); err != nil {
		t.Fatalf("another IP: %v", err)
	}
	_, err = e.login("ana@example.com", testPassword, "::ffff:"+attacker) // same client, mapped form
	wantCode(t, err, idp.ETooManyAttempts)

	if err := e.svc.RequestPasswordReset(e.ctx, "", e.conn.Name, "ana@example.com"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ResetPassword(e.ctx, ticketFrom(t, e.sent()[0]), "New-Password-2"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.login("ana@example.com", "New-Password-2", attacker); err != nil {
		t.Fatalf("after reset: %v", err)
	}
}

func TestSuccessResetsTheCounter(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	for round := 0; round < 3; round++ {
		for i := 0; i < 9; i++ {
			e.login("ana@example.com", "guess", "192.0.2.1")
		}
		if _, err := e.login("ana@example.com", testPassword, "192.0.2.1"); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}

func TestBruteForceSettings(t *testing.T) {
	tests := []struct {
		name    string
		tenant  func(*idp.Tenant)
		noConn  bool // connection without brute_force_protection
		ips     []string
		fails   int
		blocked bool
	}{
		{"default", nil, false, []string{"192.0.2.1"}, 10, true},
		{"below threshold", nil, false, []string{"192.0.2.1"}, 9, false},
		{"max_attempts 3", func(t *idp.Tenant) { t.BruteForce.MaxAttempts = 3 }, false, []string{"192.0.2.1"}, 3, true},
		{"per identifier", func(t *idp.Tenant) { t.BruteForce.Mode = "count_per_identifier" }, false,
			[]string{"192.0.2.1", "192.0.2.2"}, 5, true},
		{"per identifier and IP", nil, false, []string{"192.0.2.1", "192.0.2.2"}, 5, false},
		{"allowlisted CIDR", func(t *idp.Tenant) { t.BruteForce.Allowlist = []string{"192.0.2.0/24"} }, false,
			[]string{"192.0.2.1"}, 12, false},
		{"allowlisted IP", func(t *idp.Tenant) { t.BruteForce.Allowlist = []string{"192.0.2.1"} }, false,
			[]string{"192.0.2.1"}, 12, false},
		{"tenant disabled", func(t *idp.Tenant) { t.BruteForce.Enabled = false }, false, []string{"192.0.2.1"}, 12, false},
		{"no block shield", func(t *idp.Tenant) { t.BruteForce.Shields = []string{"user_notification"} }, false,
			[]string{"192.0.2.1"}, 12, false},
		{"connection off", nil, true, []string{"192.0.2.1"}, 12, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.tenant != nil {
				e.tenant(tt.tenant)
			}
			if tt.noConn {
				e.conn = e.addConnection("unprotected", idp.ConnectionOptions{})
			}
			e.addUser("ana@example.com")
			for _, ip := range tt.ips {
				for i := 0; i < tt.fails; i++ {
					e.login("ana@example.com", "guess", ip)
				}
			}
			_, err := e.login("ana@example.com", testPassword, "192.0.2.1")
			if blocked := idp.ErrorCode(err) == idp.ETooManyAttempts; blocked != tt.blocked || !blocked && err != nil {
				t.Fatalf("err = %v, want blocked %v", err, tt.blocked)
			}
		})
	}
}

func TestBlockLiftsAfterThirtyDays(t *testing.T) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	for i := 0; i < 10; i++ {
		e.login("ana@example.com", "guess", "192.0.2.1")
	}
	e.advance(29 * 24 * time.Hour)
	_, err := e.login("ana@example.com", testPassword, "192.0.2.1")
	wantCode(t, err, idp.ETooManyAttempts)
	e.advance(2 * 24 * time.Hour)
	if _, err := e.login("ana@example.com", testPassword, "192.0.2.1"); err != nil {
		t.Fatalf("after 31 days: %v", err)
	}
}

func TestAdminUnblock(t *testing.T) {
	e := newEnv(t)
	u := e.addUser("ana@example.com")
	for i := 0; i < 10; i++ {
		e.login("ana@example.com", "guess", "192.0.2.1")
	}
	if err := e.store.ClearLoginFailures(e.ctx, u.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := e.login("ana@example.com", testPassword, "192.0.2.1"); err != nil {
		t.Fatalf("after unblock: %v", err)
	}
}

func TestUnknownUserCreatesNoCounter(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 12; i++ {
		e.login("later@example.com", "guess", "192.0.2.1")
	}
	u := e.addUser("later@example.com")
	counters, err := e.store.ListLoginFailures(e.ctx, u.ID)
	if err != nil || len(counters) != 0 {
		t.Fatalf("counters %v, %v", counters, err)
	}
	if _, err := e.login("later@example.com", testPassword, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
}
