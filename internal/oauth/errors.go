package oauth

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Error is an OAuth error response (RFC 6749 §5.2, contract §1.4 family A)
// with its HTTP status. Build it with the constructors below; a fresh value
// each time, so no caller can change another's error.
type Error struct {
	Status      int
	Code        string // "error"
	Description string // "error_description"
	RetryAfter  int    // seconds for a Retry-After header; 0 for none
	cause       error  // logged, never shown
}

// Error returns the code, description and internal cause, for logs.
func (e *Error) Error() string {
	if e.cause != nil {
		return e.Code + ": " + e.Description + ": " + e.cause.Error()
	}
	return e.Code + ": " + e.Description
}

// Unwrap returns the internal cause, if any.
func (e *Error) Unwrap() error { return e.cause }

func newError(status int, code, desc string) *Error {
	return &Error{Status: status, Code: code, Description: desc}
}

func errInvalidRequest(desc string) *Error {
	return newError(http.StatusBadRequest, "invalid_request", desc)
}

func errMissing(param string) *Error {
	return errInvalidRequest("Missing required parameter: " + param)
}

func errTooLarge() *Error {
	return newError(http.StatusRequestEntityTooLarge, "invalid_request", "Request body too large.")
}

func errUnsupportedGrant(grant string) *Error {
	return newError(http.StatusBadRequest, "unsupported_grant_type", "Unsupported grant type: "+grant)
}

// errClientAuth is the token endpoint's failed client authentication:
// Auth0's observed body (contract §3.6), not the OAS's invalid_client.
func errClientAuth() *Error {
	return newError(http.StatusUnauthorized, "access_denied", "Unauthorized")
}

// errInvalidClient is /oauth/revoke's failed client authentication (§7).
func errInvalidClient() *Error {
	return newError(http.StatusUnauthorized, "invalid_client", "Client authentication failed.")
}

func errUnauthorizedClient(grant string) *Error {
	return newError(http.StatusForbidden, "unauthorized_client", "Grant type '"+grant+"' not allowed for the client.")
}

func errAccessDenied(desc string) *Error {
	return newError(http.StatusForbidden, "access_denied", desc)
}

func errInvalidGrant(desc string) *Error {
	return newError(http.StatusForbidden, "invalid_grant", desc)
}

func errUnsupportedResponseType(rt string) *Error {
	return newError(http.StatusBadRequest, "unsupported_response_type", "Unsupported response type: "+rt)
}

// errLoginRequired is prompt=none without a usable session (§4.5).
func errLoginRequired() *Error {
	return newError(http.StatusBadRequest, "login_required", "Login required")
}

func errInvalidCode() *Error { return errInvalidGrant("Invalid authorization code") }

func errInvalidRefreshToken() *Error { return errInvalidGrant("Unknown or invalid refresh token.") }

// errBlocked answers a password grant for a blocked user. Sources differ
// (§3.6: invalid_grant in spa-js tests, 401 unauthorized in the legacy
// /oauth/ro docs); spa-js only matches the substring "user is blocked".
func errBlocked() *Error {
	return newError(http.StatusUnauthorized, "unauthorized", "user is blocked")
}

// errTooManyAttempts carries authn's text: Auth0's words for a brute-force
// block or for a throttled IP (contract §3.6).
func errTooManyAttempts(description string) *Error {
	return newError(http.StatusTooManyRequests, "too_many_attempts", description)
}

// errUnavailable answers at once when no password hash can start now,
// rather than queueing the request (performance notes: bound the hashes).
func errUnavailable(cause error) *Error {
	e := newError(http.StatusServiceUnavailable, "temporarily_unavailable", "The server is busy. Please try again shortly.")
	e.RetryAfter, e.cause = 1, cause
	return e
}

// errNoDefaultConnection is Auth0's body for a plain password grant on a
// tenant without default_directory (§3.6; the 500 is unconfirmed).
func errNoDefaultConnection() *Error {
	return newError(http.StatusInternalServerError, "server_error", "Authorization server not configured with default connection.")
}

// errServer hides an internal failure behind a generic body; writeError
// logs the cause with the request id.
func errServer(cause error) *Error {
	e := newError(http.StatusInternalServerError, "server_error", "Internal error.")
	e.cause = cause
	return e
}

// asError returns err's *Error, or a server error wrapping it.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return errServer(err)
}

// writeError is the one writer of OAuth errors.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := asError(err)
	if e.Status >= 500 {
		level := slog.LevelError
		if e.Status == http.StatusServiceUnavailable {
			level = slog.LevelWarn // overload, not a fault
		}
		h.log().Log(r.Context(), level, "oauth request failed", "request_id", r.Header.Get("X-Request-Id"),
			"path", r.URL.Path, "status", e.Status, "error", err)
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Pragma", "no-cache")
	if e.RetryAfter > 0 {
		hd.Set("Retry-After", strconv.Itoa(e.RetryAfter))
	}
	w.WriteHeader(e.Status)
	body, _ := json.Marshal(struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}{e.Code, e.Description})
	w.Write(body)
}

// loginError maps the errors of Users.Login to the token endpoint's.
func loginError(err error) error {
	switch idp.ErrorCode(err) {
	case idp.EUnauthorized:
		return errInvalidGrant("Wrong email or password.")
	case idp.EBlocked:
		return errBlocked()
	case idp.ETooManyAttempts:
		return errTooManyAttempts(idp.ErrorMessage(err))
	case idp.EUnavailable:
		return errUnavailable(err)
	case idp.EInvalid:
		return errInvalidRequest("the connection was not found")
	}
	return err
}
