package login

import (
	"net/http"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Texts of the sign-in errors. The first is the same for a wrong password
// and an unknown user, so the page never tells whether an email exists;
// the blocked one is only shown after a right password.
const (
	msgWrongCredentials = "Wrong email or password."
	msgBlocked          = "Your account has been blocked. Contact the administrator of this application."
	msgBusy             = "The service is busy right now. Please wait a few seconds and try again."
)

// loginForm is the sign-in page of f, empty.
func loginForm(f flow) *formPage {
	label := "Email address"
	kind := "email"
	if f.conn.Options.RequiresUsername {
		label, kind = "Email or username", "text"
	}
	fp := &formPage{
		page: f.page("Sign in"), Action: "/u/login", Submit: "Continue",
		Hidden: map[string]string{"state": f.tx.ID},
		Fields: []field{
			{ID: "username", Label: label, Type: kind, Autocomplete: "username"},
			{ID: "password", Label: "Password", Type: "password", Autocomplete: "current-password"},
		},
		Links: []link{{Text: "Forgot your password?", Href: f.href("/u/reset-password")}},
	}
	if f.signupAllowed() {
		fp.Links = append(fp.Links, link{Before: "Don't have an account?", Text: "Sign up", Href: f.href("/u/signup")})
	}
	return fp
}

func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request) error {
	f, err := h.loadFlow(r.Context(), r.URL.Query().Get("state"))
	if err != nil {
		return err
	}
	fp := loginForm(f)
	fp.set("username", f.tx.LoginHint)
	allowFormAction(w, f.tx.RedirectURI)
	h.renderForm(w, r, http.StatusOK, fp)
	return nil
}

func (h *Handler) submitLogin(w http.ResponseWriter, r *http.Request) error {
	f, err := h.loadFlow(r.Context(), r.PostForm.Get("state"))
	if err != nil {
		return err
	}
	allowFormAction(w, f.tx.RedirectURI)
	fp := loginForm(f)
	fp.set("username", r.PostForm.Get("username"))
	fp.required(r, map[string]string{
		"username": "Enter your " + lowerFirst(fp.field("username").Label) + ".",
		"password": "Enter your password.",
	})
	if fp.failed() {
		h.renderForm(w, r, http.StatusBadRequest, fp)
		return nil
	}
	u, err := h.Users.Login(r.Context(), f.conn.Name, fp.field("username").Value,
		r.PostForm.Get("password"), h.clientIP(r))
	if err != nil {
		return h.loginFailed(w, r, fp, err)
	}
	return h.signIn(w, r, f, u)
}

// loginFailed shows a refused sign-in in the form; a broken dependency is
// returned to become the error page.
func (h *Handler) loginFailed(w http.ResponseWriter, r *http.Request, fp *formPage, err error) error {
	status := http.StatusUnauthorized
	switch idp.ErrorCode(err) {
	case idp.EUnauthorized:
		fp.fail(msgWrongCredentials, "username", "password")
	case idp.EBlocked:
		fp.fail(msgBlocked)
	case idp.ETooManyAttempts: // a brute-force block or a throttled IP, in Auth0's words
		status = http.StatusTooManyRequests
		fp.fail(idp.ErrorMessage(err))
	case idp.EUnavailable:
		status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "5")
		fp.fail(msgBusy)
	case idp.EInvalid:
		return errNoConnection() // deleted since the page was shown
	default:
		return err
	}
	h.renderForm(w, r, status, fp)
	return nil
}

// lowerFirst lower-cases an ASCII first letter: "Email address" reads
// "email address" mid-sentence.
func lowerFirst(s string) string {
	if s != "" && 'A' <= s[0] && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
