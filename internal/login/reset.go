package login

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
)

const msgMismatch = "The two passwords do not match."

// errBadTicket is a reset link that is malformed, expired or used.
func errBadTicket() error {
	return &pageError{status: http.StatusBadRequest, title: "Link expired",
		text: "This password reset link is invalid, has expired or was already used. Ask for a new one.",
		link: link{Text: "Ask for a new link", Href: "/u/reset-password"}}
}

// resetForm is the new-password page for u, with u's connection's policy.
func (h *Handler) resetForm(ctx context.Context, ticket string, u idp.User) (*formPage, error) {
	conn, err := h.Store.GetConnectionByName(ctx, u.Connection)
	if err != nil {
		return nil, notFoundAs(err, errBadTicket())
	}
	fp := &formPage{
		page: page{Title: "Reset your password", Brand: h.brand(ctx)}, Action: "/lo/reset",
		Submit: "Change password", Hidden: map[string]string{"ticket": ticket},
		Fields: []field{
			{ID: "email", Label: "Email address", Type: "email", Autocomplete: "username", Value: u.Email, ReadOnly: true},
			{ID: "password", Label: "New password", Type: "password", Autocomplete: "new-password", Rules: policyRules(conn.Options)},
			{ID: "confirm", Label: "Type the new password again", Type: "password", Autocomplete: "new-password"},
		},
	}
	return fp, nil
}

// ticketUser checks a reset ticket without using it.
func (h *Handler) ticketUser(ctx context.Context, ticket string) (idp.User, error) {
	if ticket == "" || len(ticket) > maxState {
		return idp.User{}, errBadTicket()
	}
	u, err := h.Users.CheckResetTicket(ctx, ticket)
	return u, refusedAs(err, errBadTicket())
}

func (h *Handler) showReset(w http.ResponseWriter, r *http.Request) error {
	ticket := r.URL.Query().Get("ticket")
	u, err := h.ticketUser(r.Context(), ticket)
	if err != nil {
		return err
	}
	fp, err := h.resetForm(r.Context(), ticket, u)
	if err != nil {
		return err
	}
	h.renderForm(w, r, http.StatusOK, fp)
	return nil
}

func (h *Handler) submitReset(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ticket := r.PostForm.Get("ticket")
	u, err := h.ticketUser(ctx, ticket)
	if err != nil {
		return err
	}
	fp, err := h.resetForm(ctx, ticket, u)
	if err != nil {
		return err
	}
	password := r.PostForm.Get("password")
	fp.required(r, map[string]string{"password": "Choose a new password.", "confirm": "Type the new password again."})
	if !fp.failed() && subtle.ConstantTimeCompare([]byte(password), []byte(r.PostForm.Get("confirm"))) != 1 {
		fp.failField("confirm", msgMismatch)
	}
	if !fp.failed() {
		if u, err = h.Users.ResetPassword(ctx, ticket, password); err == nil {
			return h.resetDone(w, r, u)
		}
		if err := resetFailed(w, fp, err); err != nil {
			return err
		}
	}
	h.renderForm(w, r, http.StatusBadRequest, fp)
	return nil
}

// resetFailed puts a refused password in the form; other errors end the page.
func resetFailed(w http.ResponseWriter, fp *formPage, err error) error {
	var perr *idp.PasswordError
	switch {
	case errors.As(err, &perr):
		fp.field("password").Rules = checkedRules(perr)
		fp.failFieldAs("password", msgWeakPassword, msgWeakSummary)
	case idp.ErrorCode(err) == idp.EUnavailable:
		w.Header().Set("Retry-After", "5")
		return &pageError{status: http.StatusServiceUnavailable, title: "Please try again", text: msgBusy}
	default:
		return refusedAs(err, errBadTicket())
	}
	return nil
}

// resetDone ends every session of the user (whoever knew the old password
// is signed out) and says so.
func (h *Handler) resetDone(w http.ResponseWriter, r *http.Request, u idp.User) error {
	if err := h.Store.DeleteUserSessions(r.Context(), u.ID); err != nil {
		h.log().Error("sessions not ended after a password reset", "user_id", u.ID, "err", err)
	}
	p := messagePage{page: page{Title: "Password changed", Brand: h.brand(r.Context())}, Text: []string{
		"The password of " + u.Email + " has been changed, and every device signed in with the old one has been signed out.",
		"Go back to the application and sign in with your new password.",
	}}
	h.render(w, http.StatusOK, "message", p)
	return nil
}

// refusedAs returns page for an authn refusal, and err itself otherwise.
func refusedAs(err, page error) error {
	var refusal *authn.Refusal
	if errors.As(err, &refusal) {
		return page
	}
	return err
}
