package config

// Database is one entry of `databases`: a connection with strategy auth0,
// keyed by Name. EnabledClients lists client names.
type Database struct {
	Name               string           `yaml:"name"`
	Strategy           string           `yaml:"strategy,omitempty"`
	EnabledClients     []string         `yaml:"enabled_clients,omitempty"`
	IsDomainConnection *bool            `yaml:"is_domain_connection,omitempty"`
	Realms             []string         `yaml:"realms,omitempty"`
	Options            *DatabaseOptions `yaml:"options,omitempty"`
}

// DatabaseOptions are a database connection's options (contract §13).
// Gatehouse enforces passwordPolicy, the minimum length,
// brute_force_protection, requires_username, the username length and
// disable_signup; the rest is accepted and kept but not enforced.
type DatabaseOptions struct {
	PasswordPolicy               *string               `yaml:"passwordPolicy,omitempty"`
	PasswordComplexityOptions    *ComplexityOptions    `yaml:"password_complexity_options,omitempty"`
	PasswordHistory              *PasswordHistory      `yaml:"password_history,omitempty"`
	PasswordDictionary           *PasswordDictionary   `yaml:"password_dictionary,omitempty"`
	PasswordNoPersonalInfo       *Toggle               `yaml:"password_no_personal_info,omitempty"`
	BruteForceProtection         *bool                 `yaml:"brute_force_protection,omitempty"`
	RequiresUsername             *bool                 `yaml:"requires_username,omitempty"`
	Validation                   *ConnectionValidation `yaml:"validation,omitempty"`
	DisableSignup                *bool                 `yaml:"disable_signup,omitempty"`
	ImportMode                   *bool                 `yaml:"import_mode,omitempty"`
	EnabledDatabaseCustomization *bool                 `yaml:"enabledDatabaseCustomization,omitempty"`
	CustomScripts                *CustomScripts        `yaml:"customScripts,omitempty"`
	Attributes                   map[string]any        `yaml:"attributes,omitempty"`
	AuthenticationMethods        map[string]any        `yaml:"authentication_methods,omitempty"`
}

// ComplexityOptions is options.password_complexity_options.
type ComplexityOptions struct {
	MinLength *int `yaml:"min_length,omitempty"`
}

// PasswordHistory is options.password_history.
type PasswordHistory struct {
	Enable *bool `yaml:"enable,omitempty"`
	Size   *int  `yaml:"size,omitempty"`
}

// PasswordDictionary is options.password_dictionary.
type PasswordDictionary struct {
	Enable     *bool    `yaml:"enable,omitempty"`
	Dictionary []string `yaml:"dictionary,omitempty"`
}

// Toggle is an option object holding only `enable`.
type Toggle struct {
	Enable *bool `yaml:"enable,omitempty"`
}

// ConnectionValidation is options.validation.
type ConnectionValidation struct {
	Username *UsernameLength `yaml:"username,omitempty"`
}

// UsernameLength bounds usernames.
type UsernameLength struct {
	Min *int `yaml:"min,omitempty"`
	Max *int `yaml:"max,omitempty"`
}

// CustomScripts are the custom-database script paths; accepted, never run.
type CustomScripts struct {
	Login          string `yaml:"login,omitempty"`
	Create         string `yaml:"create,omitempty"`
	Delete         string `yaml:"delete,omitempty"`
	GetUser        string `yaml:"get_user,omitempty"`
	Verify         string `yaml:"verify,omitempty"`
	ChangePassword string `yaml:"change_password,omitempty"`
	ChangeEmail    string `yaml:"change_email,omitempty"`
}
