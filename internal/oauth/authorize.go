package oauth

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Paths the login pages (internal/login) serve; they meet /authorize only
// through the stored Transaction.
const (
	loginPath  = "/u/login"
	signupPath = "/u/signup"
)

// transactionLife is how long a sign-in may take.
const transactionLife = time.Hour

// authFlow is one /authorize request being answered.
type authFlow struct {
	req    authRequest
	client idp.Client
	mode   string              // the response mode settled
	origin string              // web_message's target origin
	api    *idp.ResourceServer // nil: no API, a token for /userinfo only
	maxAge int                 // -1: none
	now    time.Time
}

// serveAuthorize is GET /authorize, or POST with a form body as OIDC Core
// §3.1.2.1 allows (§4): check the client and redirect
// URI (failures are pages), then the rest (failures go back to the
// application), then answer at once from the SSO session or send the
// browser to the login page.
func (h *Handler) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	f, err := h.startFlow(r)
	if err != nil {
		h.writePage(w, r, err)
		return
	}
	if perr := f.settleMode(); perr != nil {
		h.writePage(w, r, perr)
		return
	}
	if err := h.checkRequest(r.Context(), f); err != nil {
		h.deliverError(w, r, f, err)
		return
	}
	h.signInOrAnswer(w, r, f)
}

// startFlow parses the request and checks what must be right before any
// answer can be redirected: the client and its redirect URI (§4.3).
func (h *Handler) startFlow(r *http.Request) (*authFlow, error) {
	if err := r.ParseForm(); err != nil {
		return nil, badPage("invalid_request", "The request is malformed.")
	}
	req, long := parseAuthRequest(r.Form)
	if long != "" {
		return nil, badPage("invalid_request", "The "+long+" parameter is too long.")
	}
	f := &authFlow{req: req, now: h.now(), maxAge: -1}
	if err := h.loadFlowClient(r.Context(), f); err != nil {
		return nil, err
	}
	return f, f.checkRedirectURI()
}

// loadFlowClient finds the client the request names.
func (h *Handler) loadFlowClient(ctx context.Context, f *authFlow) error {
	if f.req.ClientID == "" {
		return badPage("invalid_request", "Missing required parameter: client_id")
	}
	c, err := h.Store.GetClient(ctx, f.req.ClientID)
	if idp.IsNotFound(err) {
		return badPage("invalid_request", "Unknown client: "+f.req.ClientID)
	}
	f.client = c
	return err
}

// checkRedirectURI requires redirect_uri, even when the client has one
// callback: Auth0's behaviour without it is unconfirmed (§4.1, §19), and
// the exchange must be able to compare it.
func (f *authFlow) checkRedirectURI() error {
	if f.req.RedirectURI == "" {
		return badPage("invalid_request", "Missing required parameter: redirect_uri")
	}
	if !urlAllowed(f.client.Callbacks, f.req.RedirectURI, f.client.IsFirstParty) {
		return badPage("invalid_request", "Callback URL mismatch. The provided redirect_uri is not in the list of allowed callback URLs.")
	}
	return nil
}

// signInOrAnswer answers from a usable SSO session unless the request
// asks for a fresh login; prompt=none never shows the login page (§4.5).
func (h *Handler) signInOrAnswer(w http.ResponseWriter, r *http.Request, f *authFlow) {
	s, u, ok, err := h.sessionFor(r, f.client.ID)
	switch {
	case err != nil:
		h.deliverError(w, r, f, err)
	case ok && !f.req.hasPrompt("login") && f.fresh(s):
		h.answerWith(w, r, f, s, u)
	case f.req.hasPrompt("none"):
		h.deliverError(w, r, f, errLoginRequired())
	default:
		h.startLogin(w, r, f)
	}
}

// fresh reports whether the session's login satisfies max_age.
func (f *authFlow) fresh(s idp.Session) bool {
	return f.maxAge < 0 || f.now.Sub(s.AuthTime) <= time.Duration(f.maxAge)*time.Second
}

// startLogin stores the Transaction and sends the browser to the login
// page, or the signup page for screen_hint=signup.
func (h *Handler) startLogin(w http.ResponseWriter, r *http.Request, f *authFlow) {
	t := f.req.transaction(idp.RandomString(43), f.mode, f.audience(), f.maxAge)
	t.CreatedAt, t.ExpiresAt = f.now, f.now.Add(transactionLife)
	if err := h.Store.CreateTransaction(r.Context(), t); err != nil {
		h.deliverError(w, r, f, err)
		return
	}
	path := loginPath
	if f.req.ScreenHint == "signup" {
		path = signupPath
	}
	redirect(w, path+"?state="+url.QueryEscape(t.ID))
}

// answerWith answers the request for the session's user and marks the
// session used.
func (h *Handler) answerWith(w http.ResponseWriter, r *http.Request, f *authFlow, s idp.Session, u idp.User) {
	params, err := h.answer(r.Context(), f, s, u)
	if err != nil {
		h.deliverError(w, r, f, err)
		return
	}
	h.touchSession(r.Context(), s, f.now)
	h.deliver(w, r, f, params)
}

// audience is the identifier of the flow's API, or "".
func (f *authFlow) audience() string {
	if f.api == nil {
		return ""
	}
	return f.api.Identifier
}
