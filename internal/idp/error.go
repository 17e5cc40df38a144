package idp

import (
	"errors"
	"fmt"
)

// Error codes. Each feature package maps them to its own wire format once.
const (
	EInvalid         = "invalid"           // bad input: 400
	ENotFound        = "not_found"         // no such entity: 404
	EConflict        = "conflict"          // unique constraint or lost race: 409
	EUnauthorized    = "unauthorized"      // bad credentials: 401/403 by surface
	EForbidden       = "forbidden"         // authenticated but not allowed: 403
	EBlocked         = "blocked"           // user blocked by an administrator
	ETooManyAttempts = "too_many_attempts" // brute-force protection tripped: 429
	EUnavailable     = "unavailable"       // overloaded or a dependency down: 503
	EInternal        = "internal"          // a bug or broken dependency: 500
)

// Error is the domain error. Message is safe to show to a client.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("idp: %s: %s", e.Code, e.Message) }

// Errorf returns an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the client-safe message of err, and a generic one for
// errors that are not *Error (their text may hold internals).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// IsNotFound reports whether err carries ENotFound.
func IsNotFound(err error) bool { return ErrorCode(err) == ENotFound }
