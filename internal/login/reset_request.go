package login

import (
	"errors"
	"net/http"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
)

// resetTarget is where a reset request applies: the flow's connection and
// client when the page came from a sign-in, else the default directory.
type resetTarget struct {
	connection, clientID string
	page                 page
	back                 link // to the sign-in page, when there is one
}

// resetTarget reads the optional state. An expired one is not an error
// here: asking for a reset link needs no sign-in in progress.
func (h *Handler) resetTarget(r *http.Request, state string) (resetTarget, error) {
	if state != "" {
		f, err := h.loadFlow(r.Context(), state)
		if err == nil {
			return resetTarget{connection: f.conn.Name, clientID: f.tx.ClientID,
				page: f.page(""), back: link{Text: "Back to sign in", Href: f.href("/u/login")}}, nil
		}
		var pe *pageError
		if !errors.As(err, &pe) {
			return resetTarget{}, err
		}
	}
	t, err := h.Store.GetTenant(r.Context())
	if err != nil {
		return resetTarget{}, err
	}
	conn := t.DefaultDirectory
	if conn == "" {
		conn = idp.DefaultConnection
	}
	return resetTarget{connection: conn, page: page{Brand: brandOf(t)}}, nil
}

func resetRequestForm(t resetTarget, state string) *formPage {
	fp := &formPage{
		page: t.page, Action: "/u/reset-password", Submit: "Send reset link",
		Hidden: map[string]string{"state": state},
		Fields: []field{{ID: "email", Label: "Email address", Type: "email", Autocomplete: "username"}},
	}
	fp.Title = "Forgot your password?"
	fp.Lead = "Enter your email address and we will send you a link to choose a new password."
	if t.back.Href != "" {
		fp.Links = []link{t.back}
	} else {
		fp.Hidden = nil
	}
	return fp
}

func (h *Handler) showResetRequest(w http.ResponseWriter, r *http.Request) error {
	state := r.URL.Query().Get("state")
	t, err := h.resetTarget(r, state)
	if err != nil {
		return err
	}
	h.renderForm(w, r, http.StatusOK, resetRequestForm(t, state))
	return nil
}

func (h *Handler) submitResetRequest(w http.ResponseWriter, r *http.Request) error {
	state := r.PostForm.Get("state")
	t, err := h.resetTarget(r, state)
	if err != nil {
		return err
	}
	fp := resetRequestForm(t, state)
	fp.set("email", r.PostForm.Get("email"))
	fp.required(r, map[string]string{"email": "Enter your email address."})
	if fp.failed() {
		h.renderForm(w, r, http.StatusBadRequest, fp)
		return nil
	}
	email := fp.field("email").Value
	err = h.Users.RequestPasswordReset(r.Context(), t.clientID, t.connection, email)
	var refusal *authn.Refusal
	if errors.As(err, &refusal) {
		return errNoConnection()
	}
	if err != nil {
		return err
	}
	p := messagePage{page: t.page, Link: t.back, Text: []string{
		"If an account exists for " + email + ", we have sent it an email with a link to choose a new password. The link works for 24 hours.",
		"Nothing arrived? Check your spam folder, or ask again in a few minutes.",
	}}
	p.Title, p.Lead = "Check your email", ""
	h.render(w, http.StatusOK, "message", p)
	return nil
}
