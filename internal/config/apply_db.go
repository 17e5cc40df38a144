package config

import (
	"reflect"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func (a *applier) connections() error {
	for i := range a.t.Databases {
		if err := a.connection(&a.t.Databases[i], index("databases", i)); err != nil {
			return err
		}
	}
	return nil
}

// connection upserts a database connection by name.
func (a *applier) connection(f *Database, p string) error {
	old, err := a.st.GetConnectionByName(a.ctx, f.Name)
	if idp.IsNotFound(err) {
		c := newConnection(f.Name)
		if err := a.overlayConnection(f, &c, p); err != nil {
			return err
		}
		a.record("connection", f.Name, Created)
		return a.st.CreateConnection(a.ctx, c)
	}
	if err != nil {
		return err
	}
	c := old
	if err := a.overlayConnection(f, &c, p); err != nil {
		return err
	}
	return a.update("connection", f.Name, reflect.DeepEqual(old, c), func() error {
		_, err := a.st.UpdateConnection(a.ctx, old.ID, func(s *idp.Connection) error { *s = c; return nil })
		return err
	})
}

// newConnection is a database connection as Auth0's dashboard creates it
// (contract §13.3): policy good, brute-force protection on, usernames of
// 1 to 15 characters when required.
func newConnection(name string) idp.Connection {
	return idp.Connection{
		ID: idp.NewConnectionID(), Name: name, Strategy: "auth0",
		Options: idp.ConnectionOptions{
			PasswordPolicy: defaultPasswordPolicy, BruteForceProtection: true,
			UsernameMin: 1, UsernameMax: 15,
		},
	}
}

// overlayConnection writes the file's fields over c; enabled_clients
// become client ids.
func (a *applier) overlayConnection(f *Database, c *idp.Connection, p string) error {
	if f.EnabledClients != nil {
		ids := make([]string, len(f.EnabledClients))
		for i, name := range f.EnabledClients {
			ids[i] = a.clientIDs[name]
		}
		setList(&c.EnabledClients, ids)
	}
	if f.Options == nil {
		return nil
	}
	f.Options.overlay(&c.Options)
	if c.Options.UsernameMin > c.Options.UsernameMax {
		return a.invalid(at(p, "options.validation.username"), "min %d is greater than max %d", c.Options.UsernameMin, c.Options.UsernameMax)
	}
	return nil
}

func (o *DatabaseOptions) overlay(c *idp.ConnectionOptions) {
	set(&c.PasswordPolicy, o.PasswordPolicy)
	if o.PasswordComplexityOptions != nil {
		set(&c.MinLength, o.PasswordComplexityOptions.MinLength)
	}
	set(&c.BruteForceProtection, o.BruteForceProtection)
	set(&c.RequiresUsername, o.RequiresUsername)
	if v := o.Validation; v != nil && v.Username != nil {
		set(&c.UsernameMin, v.Username.Min)
		set(&c.UsernameMax, v.Username.Max)
	}
	set(&c.DisableSignup, o.DisableSignup)
}
