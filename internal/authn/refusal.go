package authn

import (
	"fmt"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Reasons a request is refused as bad input, so that each surface can give
// them its own code (dbconn's family-B codes, the login page's texts).
const (
	ReasonParameter      = "parameter"       // a missing or invalid field
	ReasonConnection     = "connection"      // unknown, or not enabled for the client
	ReasonSignupDisabled = "signup_disabled" // the connection's disable_signup
	ReasonTicket         = "ticket"          // a bad or expired reset ticket
)

// Refusal is bad input with a Reason. It unwraps to an *idp.Error with
// EInvalid and the same Message, which is safe to show.
type Refusal struct {
	Reason  string
	Message string
}

// Error describes the refusal with its reason.
func (e *Refusal) Error() string { return "authn: " + e.Reason + ": " + e.Message }

// Unwrap gives the error chain its idp code.
func (e *Refusal) Unwrap() error { return &idp.Error{Code: idp.EInvalid, Message: e.Message} }

func refusef(reason, format string, args ...any) error {
	return &Refusal{Reason: reason, Message: fmt.Sprintf(format, args...)}
}
