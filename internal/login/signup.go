package login

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
)

// userExistsFlag is the tenant flag that lets signup say an account
// exists (contract §5.1); without it a clash reads like any bad signup.
const userExistsFlag = "enable_public_signup_user_exists_error"

const (
	msgInvalidSignup = "Invalid sign up. Please check your details, or sign in if you already have an account."
	msgUserExists    = "The user already exists."
	msgWeakPassword  = "Choose a password that meets every rule below."
	msgWeakSummary   = "Your password is too weak."
)

// signupForm is the signup page of f, with the policy of its connection.
func signupForm(f flow) *formPage {
	fields := []field{{ID: "email", Label: "Email address", Type: "email", Autocomplete: "username"}}
	if f.conn.Options.RequiresUsername {
		fields[0].Autocomplete = "email"
		fields = append(fields, field{ID: "username", Label: "Username", Type: "text", Autocomplete: "username"})
	}
	fields = append(fields, field{ID: "password", Label: "Password", Type: "password",
		Autocomplete: "new-password", Rules: policyRules(f.conn.Options)})
	return &formPage{
		page: f.page("Create your account"), Action: "/u/signup", Submit: "Continue",
		Hidden: map[string]string{"state": f.tx.ID}, Fields: fields,
		Links: []link{{Before: "Already have an account?", Text: "Sign in", Href: f.href("/u/login")}},
	}
}

// signupFlow loads the flow of a signup page; signup must be open.
func (h *Handler) signupFlow(w http.ResponseWriter, r *http.Request, state string) (flow, error) {
	f, err := h.loadFlow(r.Context(), state)
	if err != nil {
		return f, err
	}
	if !f.signupAllowed() {
		return f, &pageError{status: http.StatusForbidden, title: "Sign-up unavailable",
			text: "New accounts cannot be created for this application.",
			link: link{Text: "Sign in", Href: f.href("/u/login")}}
	}
	allowFormAction(w, f.tx.RedirectURI)
	return f, nil
}

func (h *Handler) showSignup(w http.ResponseWriter, r *http.Request) error {
	f, err := h.signupFlow(w, r, r.URL.Query().Get("state"))
	if err != nil {
		return err
	}
	fp := signupForm(f)
	fp.set("email", f.tx.LoginHint)
	h.renderForm(w, r, http.StatusOK, fp)
	return nil
}

func (h *Handler) submitSignup(w http.ResponseWriter, r *http.Request) error {
	f, err := h.signupFlow(w, r, r.PostForm.Get("state"))
	if err != nil {
		return err
	}
	fp := signupForm(f)
	fp.set("email", r.PostForm.Get("email"))
	fp.set("username", r.PostForm.Get("username"))
	fp.required(r, map[string]string{"email": "Enter your email address.",
		"username": "Choose a username.", "password": "Choose a password."})
	if fp.failed() {
		h.renderForm(w, r, http.StatusBadRequest, fp)
		return nil
	}
	u, err := h.Users.Signup(r.Context(), authn.SignupInput{
		ClientID: f.tx.ClientID, Connection: f.conn.Name, Email: fp.field("email").Value,
		Username: fp.field("username").Value, Password: r.PostForm.Get("password"),
		IP: h.clientIP(r),
	})
	if err != nil {
		return h.signupFailed(w, r, f, fp, err)
	}
	if err := h.Users.SendVerification(r.Context(), u); err != nil {
		h.log().Error("verification mail failed", "user_id", u.ID, "err", err)
	}
	return h.signIn(w, r, f, u)
}

// signupFailed shows a refused signup in the form.
func (h *Handler) signupFailed(w http.ResponseWriter, r *http.Request, f flow, fp *formPage, err error) error {
	var perr *idp.PasswordError
	var refusal *authn.Refusal
	status := http.StatusBadRequest
	switch code := idp.ErrorCode(err); {
	case errors.As(err, &perr):
		fp.field("password").Rules = checkedRules(perr)
		fp.failFieldAs("password", msgWeakPassword, msgWeakSummary)
	case errors.As(err, &refusal) && refusal.Reason == authn.ReasonParameter:
		fp.failField(refusedField(refusal.Message), refusal.Message)
	case errors.As(err, &refusal):
		return errNoConnection() // changed since the page was shown
	case code == idp.EConflict && f.tenant.Flags[userExistsFlag]:
		fp.fail(msgUserExists, "email", "username")
	case code == idp.EConflict:
		fp.fail(msgInvalidSignup)
	case code == idp.EUnavailable:
		status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "5")
		fp.fail(msgBusy)
	case code == idp.ETooManyAttempts: // a throttled IP, in Auth0's words
		status = http.StatusTooManyRequests
		fp.fail(idp.ErrorMessage(err))
	default:
		return err
	}
	h.renderForm(w, r, status, fp)
	return nil
}

// refusedField guesses which input authn's message is about.
func refusedField(msg string) string {
	for _, id := range []string{"username", "email", "password"} {
		if strings.Contains(strings.ToLower(msg), id) {
			return id
		}
	}
	return "email"
}
