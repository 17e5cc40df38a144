package login

import "net/http"

// verifyEmail follows the link SendVerification mailed. A GET changes
// state here because that is what a link in an email can do; verifying
// twice is harmless.
func (h *Handler) verifyEmail(w http.ResponseWriter, r *http.Request) error {
	ticket := r.URL.Query().Get("ticket")
	bad := &pageError{status: http.StatusBadRequest, title: "Link expired",
		text: "This verification link is invalid or has expired. Sign in to the application to get a new one."}
	if ticket == "" || len(ticket) > maxState {
		return bad
	}
	u, err := h.Users.VerifyEmail(r.Context(), ticket)
	if err != nil {
		return refusedAs(err, bad)
	}
	p := messagePage{page: page{Title: "Email verified", Brand: h.brand(r.Context())}, Text: []string{
		"Thank you: " + u.Email + " is verified. You can close this page and go back to the application.",
	}}
	h.render(w, http.StatusOK, "message", p)
	return nil
}
