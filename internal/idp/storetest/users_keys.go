package storetest

import (
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// testUserEmailCase: emails are unique after idp.NormalizeEmail, whatever
// form the caller stored or asks with.
func testUserEmailCase(t *testing.T, s idp.Store) {
	a := newUser(1)
	a.Email = "Ada.Lovelace@Example.COM"
	must(t, s.CreateUser(t.Context(), a))
	for _, email := range []string{"ada.lovelace@example.com", " ADA.LOVELACE@EXAMPLE.COM "} {
		got, err := s.GetUserByEmail(t.Context(), a.Connection, email)
		must(t, err)
		if got.ID != a.ID {
			t.Fatalf("GetUserByEmail(%q) = %s, want %s", email, got.ID, a.ID)
		}
		b := newUser(2)
		b.Email = email
		wantCode(t, s.CreateUser(t.Context(), b), idp.EConflict)
	}
	b := newUser(2)
	must(t, s.CreateUser(t.Context(), b))
	_, err := s.UpdateUser(t.Context(), b.ID, func(u *idp.User) error {
		u.Email = "ADA.lovelace@example.com"
		return nil
	})
	wantCode(t, err, idp.EConflict)
}

// testUserPerConnection: email and username are unique per connection only.
func testUserPerConnection(t *testing.T, s idp.Store) {
	a := newUser(1)
	must(t, s.CreateUser(t.Context(), a))
	b := newUser(2)
	b.Email, b.Username, b.Connection = a.Email, a.Username, "other-db"
	must(t, s.CreateUser(t.Context(), b))
	got, err := s.GetUserByEmail(t.Context(), "other-db", a.Email)
	must(t, err)
	if got.ID != b.ID {
		t.Fatalf("GetUserByEmail(other-db) = %s, want %s", got.ID, b.ID)
	}
	got, err = s.GetUserByUsername(t.Context(), idp.DefaultConnection, a.Username)
	must(t, err)
	if got.ID != a.ID {
		t.Fatalf("GetUserByUsername(default) = %s, want %s", got.ID, a.ID)
	}
}

// testUserEmptyUsername: an unset username is not a key.
func testUserEmptyUsername(t *testing.T, s idp.Store) {
	for n := 1; n <= 2; n++ {
		u := newUser(n)
		u.Username = ""
		must(t, s.CreateUser(t.Context(), u))
	}
	_, err := s.GetUserByUsername(t.Context(), idp.DefaultConnection, "")
	wantCode(t, err, idp.ENotFound)
}

// testUserCopies: values passed in and handed out are not aliases of what
// the store keeps.
func testUserCopies(t *testing.T, s idp.Store) {
	in := newUser(1)
	must(t, s.CreateUser(t.Context(), in))
	in.UserMetadata["theme"] = "changed after create"
	in.AppMetadata["flags"].([]any)[0] = "changed"
	out, err := s.GetUser(t.Context(), in.ID)
	must(t, err)
	out.UserMetadata["prefs"].(map[string]any)["lang"] = "changed after get"
	out.AppMetadata["plan"] = "changed"
	got, err := s.GetUser(t.Context(), in.ID)
	must(t, err)
	same(t, "get after changing copies", got, newUser(1))
}

// testUserEmailRace: of 8 concurrent signups with one email (in different
// cases), exactly one succeeds.
func testUserEmailRace(t *testing.T, s idp.Store) {
	emails := []string{"race@example.com", "Race@Example.com", "RACE@EXAMPLE.COM", "race@EXAMPLE.com"}
	errs := race(8, func(i int) error {
		u := newUser(i + 1)
		u.Email = emails[i%len(emails)]
		return s.CreateUser(t.Context(), u)
	})
	if got := codes(errs); got[""] != 1 || got[idp.EConflict] != 7 {
		t.Fatalf("outcomes %v, want 1 success and 7 conflicts", got)
	}
	p, err := s.ListUsers(t.Context(), 0, 100)
	must(t, err)
	if p.Total != 1 || len(p.Users) != 1 {
		t.Fatalf("%d users stored (total %d), want 1", len(p.Users), p.Total)
	}
}
