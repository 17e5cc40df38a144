package idp

import "time"

// SessionCookie is the name of the SSO session cookie. The login pages set
// it; /authorize and logout read it. Its value is a random secret whose
// TokenHash finds the Session.
const SessionCookie = "gatehouse_session"

// Transaction is a browser sign-in in progress. /authorize stores the
// request and sends the browser to the login page with the Transaction's
// ID; the login page authenticates the user and records UserID,
// SessionID and AuthTime; /authorize then resumes it and answers the
// application.
type Transaction struct {
	ID                  string // random, 32+ characters: the login page's state
	ClientID            string
	RedirectURI         string
	ResponseType        string // e.g. "code", "token id_token"
	ResponseMode        string // query | fragment | form_post | web_message
	Scope               string
	Audience            string
	State               string // the application's state, echoed back
	Nonce               string
	CodeChallenge       string
	CodeChallengeMethod string
	Prompt              string
	MaxAge              int // seconds; -1 when not sent
	Connection          string
	LoginHint           string
	ScreenHint          string // "signup" opens the signup page
	UserID              string // set once the user signed in
	SessionID           string
	AuthTime            time.Time
	CreatedAt           time.Time
	ExpiresAt           time.Time
}

// AuthCode is an authorization code. Only its hash is stored.
type AuthCode struct {
	Hash                []byte // TokenHash of the code
	ClientID            string
	UserID              string
	RedirectURI         string // must match at the exchange
	Scope               string
	Audience            string
	Nonce               string
	CodeChallenge       string
	CodeChallengeMethod string
	SessionID           string
	AuthTime            time.Time
	CreatedAt           time.Time
	ExpiresAt           time.Time
	UsedAt              time.Time // zero until exchanged
}

// Session is an SSO session: one browser signed in as one user.
type Session struct {
	ID            string // public id: the sid claim of ID tokens
	Hash          []byte // TokenHash of the cookie's secret
	UserID        string
	AuthTime      time.Time // when the user last entered credentials
	CreatedAt     time.Time
	LastSeen      time.Time
	ExpiresAt     time.Time // absolute end
	IdleExpiresAt time.Time // moves forward with LastSeen
}
