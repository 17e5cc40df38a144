package authn

import (
	"errors"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func validSignup() SignupInput {
	return SignupInput{ClientID: testClient, Connection: idp.DefaultConnection,
		Email: "Ana@Example.com", Password: testPassword}
}

func TestSignupCreatesUser(t *testing.T) {
	e := newEnv(t)
	in := validSignup()
	in.GivenName, in.UserMetadata = "Ana", map[string]any{"plan": "free"}
	in.EmailVerified = true // ignored for public signups
	u, err := e.svc.Signup(e.ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u.ID, "auth0|") || len(u.LocalID()) != 24 || u.Email != "ana@example.com" ||
		u.EmailVerified || u.Name != "ana@example.com" || u.Nickname != "ana" ||
		!strings.HasPrefix(u.Picture, "https://s.gravatar.com/avatar/") || u.GivenName != "Ana" ||
		!u.CreatedAt.Equal(e.clock()) || !u.UpdatedAt.Equal(e.clock()) || !phc.MatchString(u.PasswordHash) {
		t.Fatalf("user %+v", u)
	}
	stored, err := e.store.GetUserByEmail(e.ctx, idp.DefaultConnection, "ana@example.com")
	if err != nil || stored.ID != u.ID || stored.UserMetadata["plan"] != "free" {
		t.Fatalf("stored %+v, %v", stored, err)
	}
	_, err = e.svc.Signup(e.ctx, in)
	wantCode(t, err, idp.EConflict)
}

func TestSignupRefusals(t *testing.T) {
	long := strings.Repeat("x", 501)
	tests := []struct {
		name   string
		edit   func(*SignupInput)
		reason string
	}{
		{"no client", func(in *SignupInput) { in.ClientID = "" }, ReasonParameter},
		{"no connection", func(in *SignupInput) { in.Connection = "" }, ReasonParameter},
		{"unknown connection", func(in *SignupInput) { in.Connection = "nope" }, ReasonConnection},
		{"client not enabled", func(in *SignupInput) { in.ClientID = "other" }, ReasonConnection},
		{"signup disabled", func(in *SignupInput) { in.Connection = "closed" }, ReasonSignupDisabled},
		{"no email", func(in *SignupInput) { in.Email = "" }, ReasonParameter},
		{"no password", func(in *SignupInput) { in.Password = "" }, ReasonParameter},
		{"bad email", func(in *SignupInput) { in.Email = "not-an-email" }, ReasonParameter},
		{"display name", func(in *SignupInput) { in.Email = "Ana <ana@example.com>" }, ReasonParameter},
		{"email too long", func(in *SignupInput) { in.Email = strings.Repeat("a", 250) + "@example.com" }, ReasonParameter},
		{"username not allowed", func(in *SignupInput) { in.Username = "ana" }, ReasonParameter},
		{"username missing", func(in *SignupInput) { in.Connection = "usernames" }, ReasonParameter},
		{"username too long", func(in *SignupInput) { in.Connection, in.Username = "usernames", "abcdefghijk" }, ReasonParameter},
		{"username too short", func(in *SignupInput) { in.Connection, in.Username = "usernames", "ab" }, ReasonParameter},
		{"username chars", func(in *SignupInput) { in.Connection, in.Username = "usernames", "a b c" }, ReasonParameter},
		{"11 metadata properties", func(in *SignupInput) { in.UserMetadata = props(11) }, ReasonParameter},
		{"metadata name", func(in *SignupInput) { in.UserMetadata = map[string]any{strings.Repeat("k", 101): "v"} }, ReasonParameter},
		{"metadata value", func(in *SignupInput) { in.UserMetadata = map[string]any{"k": long} }, ReasonParameter},
		{"metadata number", func(in *SignupInput) { in.UserMetadata = map[string]any{"k": 1.0} }, ReasonParameter},
		{"long given_name", func(in *SignupInput) { in.GivenName = long }, ReasonParameter},
		{"picture scheme", func(in *SignupInput) { in.Picture = "javascript:alert(1)" }, ReasonParameter},
	}
	e := newEnv(t)
	e.addConnection("closed", idp.ConnectionOptions{DisableSignup: true})
	e.addConnection("usernames", idp.ConnectionOptions{RequiresUsername: true, UsernameMin: 3, UsernameMax: 10})
	for _, tt := range tests {
		in := validSignup()
		tt.edit(&in)
		_, err := e.svc.Signup(e.ctx, in)
		t.Run(tt.name, func(t *testing.T) { wantReason(t, err, tt.reason) })
	}
	if page, _ := e.store.ListUsers(e.ctx, 0, 10); page.Total != 0 {
		t.Fatalf("%d users stored by refused signups", page.Total)
	}
}

func props(n int) map[string]any {
	m := map[string]any{}
	for i := 0; i < n; i++ {
		m[string(rune('a'+i))] = "v"
	}
	return m
}

func TestSignupLimitsAccepted(t *testing.T) {
	e := newEnv(t)
	e.addConnection("usernames", idp.ConnectionOptions{RequiresUsername: true, UsernameMin: 3, UsernameMax: 10})
	in := validSignup()
	in.Connection, in.Username = "usernames", "ana.b-c_1"
	in.UserMetadata = props(10)
	in.UserMetadata["j"] = strings.Repeat("v", 500)
	in.Name, in.Picture = strings.Repeat("n", 300), "https://example.com/a.png"
	if _, err := e.svc.Signup(e.ctx, in); err != nil {
		t.Fatal(err)
	}
}

func TestSignupWeakPassword(t *testing.T) {
	e := newEnv(t)
	in := validSignup()
	in.Password = "aaaaaaa!"
	_, err := e.svc.Signup(e.ctx, in)
	var perr *idp.PasswordError
	if !errors.As(err, &perr) || perr.Policy() == "" {
		t.Fatalf("err = %v, want *idp.PasswordError", err)
	}
	wantCode(t, err, idp.EInvalid)
}

func TestCreateUserSkipsClientAndSignupChecks(t *testing.T) {
	e := newEnv(t)
	e.addConnection("closed", idp.ConnectionOptions{DisableSignup: true})
	u, err := e.svc.CreateUser(e.ctx, SignupInput{Connection: "closed", Email: "admin@example.com",
		Password: "x", EmailVerified: true})
	if err != nil || !u.EmailVerified {
		t.Fatalf("CreateUser = %+v, %v", u, err)
	}
}
