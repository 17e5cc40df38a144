package dbconn

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/reqbody"
)

// errorBody is Auth0's family-B error (contract §1.4).
type errorBody struct {
	Name        string `json:"name"`
	Code        string `json:"code"`
	Description string `json:"description"`
	StatusCode  int    `json:"statusCode"`
}

// passwordBody is the PasswordStrengthError of contract §13.4.
type passwordBody struct {
	Name        string                  `json:"name"`
	Message     string                  `json:"message"`
	Code        string                  `json:"code"`
	Description idp.PasswordDescription `json:"description"`
	Policy      string                  `json:"policy"`
	StatusCode  int                     `json:"statusCode"`
}

// errorNames are the restify-style names Auth0 puts in "name".
var errorNames = map[int]string{
	400: "BadRequestError", 401: "UnauthorizedError", 403: "ForbiddenError",
	404: "NotFoundError", 413: "PayloadTooLargeError", 415: "UnsupportedMediaTypeError",
	429: "TooManyRequestsError", 500: "InternalServerError", 503: "ServiceUnavailableError",
}

// refusalCodes name authn's refusal reasons (unconfirmed codes; see doc.go).
var refusalCodes = map[string]string{
	authn.ReasonParameter: "invalid_parameter", authn.ReasonConnection: "invalid_connection",
	authn.ReasonSignupDisabled: "signup_disabled", authn.ReasonTicket: "invalid_ticket",
}

// idpErrors maps the remaining idp codes to a status and a family-B code.
var idpErrors = map[string]struct {
	status int
	code   string
}{
	idp.EInvalid:         {400, "invalid_parameter"},
	idp.EUnauthorized:    {401, "unauthorized"},
	idp.EBlocked:         {401, "unauthorized"},
	idp.EForbidden:       {403, "unauthorized"},
	idp.ENotFound:        {404, "not_found"},
	idp.ETooManyAttempts: {429, "too_many_attempts"},
	idp.EUnavailable:     {503, "temporarily_unavailable"},
}

// writeError renders err, mapped once for this surface.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var perr *idp.PasswordError
	var refusal *authn.Refusal
	switch code := idp.ErrorCode(err); {
	case errors.As(err, &perr):
		writeJSON(w, 400, passwordBody{Name: "PasswordStrengthError", Message: idp.ErrorMessage(err),
			Code: "invalid_password", Description: perr.Description, Policy: perr.Policy(), StatusCode: 400})
	case errors.As(err, &refusal):
		writeFamilyB(w, 400, refusalCodes[refusal.Reason], refusal.Message)
	case code == idp.EConflict:
		h.writeUserExists(w, r)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		writeFamilyB(w, 503, "temporarily_unavailable", "The request was cancelled.")
	case code == idp.EInternal:
		h.log().Error("dbconnections failed", "request_id", r.Header.Get("X-Request-Id"),
			"path", r.URL.Path, "err", err)
		writeFamilyB(w, 500, "server_error", "Internal error.")
	default:
		m := idpErrors[code]
		if code == idp.EUnavailable {
			w.Header().Set("Retry-After", "1")
		}
		writeFamilyB(w, m.status, m.code, idp.ErrorMessage(err))
	}
}

// writeUserExists answers a taken email or username generically, as Auth0
// does unless the tenant opts into naming it (contract §5.1).
func (h *Handler) writeUserExists(w http.ResponseWriter, r *http.Request) {
	t, err := h.Store.GetTenant(r.Context())
	if err == nil && t.Flags["enable_public_signup_user_exists_error"] {
		writeFamilyB(w, 400, "user_exists", "The user already exists.")
		return
	}
	writeFamilyB(w, 400, "invalid_signup", "Invalid sign up")
}

// writeBodyError renders a reqbody error.
func (h *Handler) writeBodyError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, reqbody.ErrTooLarge):
		writeFamilyB(w, 413, "payload_too_large", "The request body is too large.")
	case errors.Is(err, reqbody.ErrMediaType):
		writeFamilyB(w, 415, "unsupported_media_type",
			"Content-Type must be application/json or application/x-www-form-urlencoded.")
	default:
		writeFamilyB(w, 400, "invalid_body", "The request body is malformed.")
	}
}

func writeFamilyB(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, errorBody{Name: errorNames[status], Code: code, Description: desc, StatusCode: status})
}

// writeJSON writes v without HTML escaping: Auth0 sends "&" and "<" as is
// (the password rules hold "!@#$%^&*").
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status, buf = 500, *bytes.NewBufferString(`{"name":"InternalServerError","code":"server_error","description":"Internal error.","statusCode":500}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
