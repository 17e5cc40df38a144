package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func userTests() []test {
	c := crud[idp.User]{
		kind: "User", make: newUser, change: changeUser,
		id:     func(u idp.User) string { return u.ID },
		create: idp.Store.CreateUser, get: idp.Store.GetUser,
		update: idp.Store.UpdateUser, delete: idp.Store.DeleteUser,
		list: func(s idp.Store, ctx context.Context) ([]idp.User, error) {
			p, err := s.ListUsers(ctx, 0, 100)
			return p.Users, err
		},
		keys: []uniqueKey[idp.User]{
			{name: "id", copy: func(d *idp.User, s idp.User) { d.ID = s.ID }, createOnly: true},
			{name: "email", copy: func(d *idp.User, s idp.User) { d.Email = s.Email }},
			{name: "username", copy: func(d *idp.User, s idp.User) { d.Username = s.Username }},
		},
	}
	return append(c.tests(),
		test{"User/Lookups", testUserLookups},
		test{"User/EmailCaseInsensitive", testUserEmailCase},
		test{"User/PerConnection", testUserPerConnection},
		test{"User/EmptyUsername", testUserEmptyUsername},
		test{"User/Copies", testUserCopies},
		test{"User/ListPages", testListUsers},
		test{"User/RaceSameEmail", testUserEmailRace},
		test{"User/DeleteCascades", testUserDeleteCascades},
	)
}

func newUser(n int) idp.User {
	return idp.User{
		ID:            fmt.Sprintf("auth0|%024x", n),
		Connection:    idp.DefaultConnection,
		Email:         fmt.Sprintf("user%d@example.com", n),
		EmailVerified: true,
		Username:      fmt.Sprintf("user%d", n),
		PasswordHash:  "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
		GivenName:     "Ada", FamilyName: "Lovelace", Name: "Ada Lovelace", Nickname: "ada",
		Picture: "https://example.com/ada.png",
		UserMetadata: map[string]any{
			"theme": "dark",
			"prefs": map[string]any{"lang": "en", "sizes": []any{1.0, 2.5}, "deep": map[string]any{"x": true}},
		},
		AppMetadata: map[string]any{"plan": "pro", "seats": 3.0, "flags": []any{"a", true, nil}},
		CreatedAt:   at(n),
		UpdatedAt:   at(n + 1),
		LastLogin:   at(n + 2),
		LastIP:      "203.0.113.7",
		LoginsCount: 3,
		// LastPasswordReset stays zero: zero times must round-trip as zero.
	}
}

func changeUser(u *idp.User) {
	u.Email = "changed-" + u.Email
	u.EmailVerified = false
	u.Username = "changed-" + u.Username
	u.PasswordHash = "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"
	u.GivenName, u.FamilyName, u.Name, u.Nickname = "Grace", "Hopper", "Grace Hopper", "grace"
	u.Picture = "https://example.com/grace.png"
	u.UserMetadata = map[string]any{"theme": "light"}
	u.AppMetadata = nil
	u.Blocked = true
	u.UpdatedAt = at(100)
	u.LastLogin = at(101)
	u.LastIP = "2001:db8::1"
	u.LoginsCount = 4
	u.LastPasswordReset = at(102)
}

func testUserLookups(t *testing.T, s idp.Store) {
	want := newUser(1)
	must(t, s.CreateUser(t.Context(), want))
	got, err := s.GetUserByEmail(t.Context(), want.Connection, want.Email)
	must(t, err)
	same(t, "by email", got, want)
	got, err = s.GetUserByUsername(t.Context(), want.Connection, want.Username)
	must(t, err)
	same(t, "by username", got, want)
	for _, tc := range []struct{ name, conn, key string }{
		{"email, other connection", "other", want.Email},
		{"email, unknown", want.Connection, "nobody@example.com"},
	} {
		_, err := s.GetUserByEmail(t.Context(), tc.conn, tc.key)
		wantCode(t, err, idp.ENotFound)
	}
	_, err = s.GetUserByUsername(t.Context(), "other", want.Username)
	wantCode(t, err, idp.ENotFound)
	_, err = s.GetUserByUsername(t.Context(), want.Connection, "nobody")
	wantCode(t, err, idp.ENotFound)
}
