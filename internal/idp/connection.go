package idp

// DefaultConnection is the name of Auth0's built-in database connection.
const DefaultConnection = "Username-Password-Authentication"

// Connection is a database connection (strategy auth0).
type Connection struct {
	ID             string   // "con_…"
	Name           string   // unique
	Strategy       string   // "auth0"
	EnabledClients []string // client ids
	Options        ConnectionOptions
}

// ConnectionOptions are the options Gatehouse enforces.
type ConnectionOptions struct {
	PasswordPolicy       string // none | low | fair | good | excellent
	MinLength            int    // password_complexity_options.min_length; 0 = the level's own
	BruteForceProtection bool
	RequiresUsername     bool
	UsernameMin          int
	UsernameMax          int
	DisableSignup        bool
}

// EnabledFor reports whether the connection is enabled for clientID.
func (c *Connection) EnabledFor(clientID string) bool {
	for _, id := range c.EnabledClients {
		if id == clientID {
			return true
		}
	}
	return false
}
