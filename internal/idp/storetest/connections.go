package storetest

import (
	"fmt"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func connectionTests() []test {
	c := crud[idp.Connection]{
		kind: "Connection", make: newConnection, change: changeConnection,
		id:     func(c idp.Connection) string { return c.ID },
		create: idp.Store.CreateConnection, get: idp.Store.GetConnection,
		update: idp.Store.UpdateConnection, delete: idp.Store.DeleteConnection,
		list: idp.Store.ListConnections,
		keys: []uniqueKey[idp.Connection]{
			{name: "id", copy: func(d *idp.Connection, s idp.Connection) { d.ID = s.ID }, createOnly: true},
			{name: "name", copy: func(d *idp.Connection, s idp.Connection) { d.Name = s.Name }},
		},
	}
	return append(c.tests(), test{"Connection/ByName", testConnectionByName})
}

func newConnection(n int) idp.Connection {
	return idp.Connection{
		ID:             fmt.Sprintf("con_%016d", n),
		Name:           fmt.Sprintf("db-%d", n),
		Strategy:       "auth0",
		EnabledClients: []string{newClient(1).ID, newClient(2).ID},
		Options: idp.ConnectionOptions{
			PasswordPolicy: "good", MinLength: 12, BruteForceProtection: true,
			RequiresUsername: true, UsernameMin: 3, UsernameMax: 15, DisableSignup: true,
		},
	}
}

func changeConnection(c *idp.Connection) {
	c.Name += "-renamed"
	c.EnabledClients = []string{newClient(3).ID}
	c.Options = idp.ConnectionOptions{PasswordPolicy: "none"}
}

func testConnectionByName(t *testing.T, s idp.Store) {
	want := newConnection(1)
	must(t, s.CreateConnection(t.Context(), want))
	got, err := s.GetConnectionByName(t.Context(), want.Name)
	must(t, err)
	same(t, "by name", got, want)
	_, err = s.GetConnectionByName(t.Context(), "db-2")
	wantCode(t, err, idp.ENotFound)
}
