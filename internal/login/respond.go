package login

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// maxForm bounds a POST body; the largest form holds a few short fields.
const maxForm = 16 << 10

// pageFunc serves one route; an error it returns is rendered by page.
type pageFunc func(w http.ResponseWriter, r *http.Request) error

// page wraps fn with the security headers and the one place that turns
// errors into pages.
func (h *Handler) page(fn pageFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w, "")
		if err := fn(w, r); err != nil {
			h.renderError(w, r, err)
		}
	})
}

// form is page for POSTs: a bounded urlencoded body and a valid CSRF token
// come before fn runs.
func (h *Handler) form(fn pageFunc) http.Handler {
	return h.page(func(w http.ResponseWriter, r *http.Request) error {
		r.Body = http.MaxBytesReader(w, r.Body, maxForm)
		if err := r.ParseForm(); err != nil {
			return formError(err)
		}
		if !h.validCSRF(r) {
			return errCSRF(r)
		}
		return fn(w, r)
	})
}

// pageError is a failure shown as a whole page, with a message safe to show.
type pageError struct {
	status int
	title  string
	text   string
	link   link // optional way out
}

func (e *pageError) Error() string { return "login: " + e.title }

// errExpired is an unknown or expired Transaction.
func errExpired() error {
	return &pageError{status: http.StatusBadRequest, title: "Link expired",
		text: "This sign-in link has expired. Go back to the application and try again."}
}

// errCSRF is a POST whose token does not match its cookie: the form is
// old, was opened in another tab, or did not come from us.
func errCSRF(r *http.Request) error {
	e := &pageError{status: http.StatusForbidden, title: "Please try again",
		text: "This form could not be verified, perhaps because it was open for too long or in another window. Load it again and resubmit."}
	q := url.Values{}
	for _, k := range []string{"state", "ticket"} {
		if v := r.PostForm.Get(k); v != "" && len(v) <= maxState {
			q.Set(k, v)
		}
	}
	e.link = link{Text: "Load the form again", Href: r.URL.Path}
	if len(q) > 0 {
		e.link.Href += "?" + q.Encode()
	}
	return e
}

func formError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &pageError{status: http.StatusRequestEntityTooLarge, title: "Form too large",
			text: "The form sent was too large. Go back and try again."}
	}
	return &pageError{status: http.StatusBadRequest, title: "Bad request",
		text: "The form sent could not be read. Go back and try again."}
}

// renderError renders err as a page: a pageError as itself, a cancelled
// request as a 503, anything else as a logged 500 that shows nothing of it.
func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, err error) {
	var pe *pageError
	switch {
	case errors.As(err, &pe):
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		pe = &pageError{status: http.StatusServiceUnavailable, title: "Please try again",
			text: "The request took too long. Please try again."}
	default:
		h.log().Error("login page failed", "request_id", r.Header.Get("X-Request-Id"),
			"path", r.URL.Path, "err", err)
		pe = &pageError{status: http.StatusInternalServerError, title: "Something went wrong",
			text: "We could not complete your request. Please try again in a moment."}
	}
	p := messagePage{page: page{Title: pe.title, Brand: h.brand(r.Context())}, Text: []string{pe.text}, Link: pe.link}
	h.render(w, pe.status, "message", p)
}
