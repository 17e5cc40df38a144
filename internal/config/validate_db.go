package config

func (v *validator) databases() {
	seen := map[string]string{}
	for i := range v.t.Databases {
		d, p := &v.t.Databases[i], index("databases", i)
		v.required(at(p, "name"), d.Name)
		v.unique(seen, d.Name, at(p, "name"), "connection name")
		if d.Strategy != "" && d.Strategy != "auth0" {
			v.fail(at(p, "strategy"), "%q is not supported; databases are strategy auth0", d.Strategy)
		}
		for j, c := range d.EnabledClients {
			v.clientRef(index(at(p, "enabled_clients"), j), c)
		}
		if d.Options != nil {
			v.databaseOptions(d.Options, at(p, "options"))
		}
	}
}

func (v *validator) databaseOptions(o *DatabaseOptions, p string) {
	v.oneOf(at(p, "passwordPolicy"), o.PasswordPolicy, passwordLevels)
	if o.PasswordComplexityOptions != nil {
		v.between(at(p, "password_complexity_options.min_length"), o.PasswordComplexityOptions.MinLength, 1, 128)
	}
	if o.PasswordHistory != nil {
		v.between(at(p, "password_history.size"), o.PasswordHistory.Size, 0, 24)
	}
	if o.Validation != nil && o.Validation.Username != nil {
		v.usernameLength(o.Validation.Username, at(p, "validation.username"))
	}
	if deref(o.EnabledDatabaseCustomization) {
		v.fail(at(p, "enabledDatabaseCustomization"), "custom database scripts are not supported")
	}
	if deref(o.ImportMode) {
		v.fail(at(p, "import_mode"), "lazy user migration is not supported; import users instead")
	}
}

func (v *validator) usernameLength(u *UsernameLength, p string) {
	v.between(at(p, "min"), u.Min, 1, 128)
	v.between(at(p, "max"), u.Max, 1, 128)
	if u.Min != nil && u.Max != nil && *u.Min > *u.Max {
		v.fail(at(p, "min"), "is greater than max")
	}
}
