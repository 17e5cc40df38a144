package config

import (
	"reflect"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func (a *applier) roles() error {
	for i := range a.t.Roles {
		if err := a.role(&a.t.Roles[i]); err != nil {
			return err
		}
	}
	return nil
}

// role upserts by name; the file's permissions replace the stored ones.
func (a *applier) role(f *Role) error {
	old, err := a.st.GetRoleByName(a.ctx, f.Name)
	if idp.IsNotFound(err) {
		r := idp.Role{ID: idp.NewRoleID(), Name: f.Name}
		f.overlay(&r)
		a.record("role", f.Name, Created)
		return a.st.CreateRole(a.ctx, r)
	}
	if err != nil {
		return err
	}
	r := old
	f.overlay(&r)
	return a.update("role", f.Name, reflect.DeepEqual(old, r), func() error {
		_, err := a.st.UpdateRole(a.ctx, old.ID, func(s *idp.Role) error { *s = r; return nil })
		return err
	})
}

func (f *Role) overlay(r *idp.Role) {
	set(&r.Description, f.Description)
	if f.Permissions == nil {
		return
	}
	perms := make([]idp.Permission, len(f.Permissions))
	for i, p := range f.Permissions {
		perms[i] = idp.Permission{ResourceServerIdentifier: p.ResourceServerIdentifier, PermissionName: p.PermissionName}
	}
	setList(&r.Permissions, perms)
}
