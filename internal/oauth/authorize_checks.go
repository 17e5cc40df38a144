package oauth

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// settleMode picks the response mode errors and answers travel by: the
// one asked for when valid, else the response type's default. Tokens
// never travel in the query (OAuth 2.0 Multiple Response Types §5). A
// web_message answer goes only to an allowed web origin; if the redirect
// URI's origin is not one, the refusal is a page.
func (f *authFlow) settleMode() *pageError {
	f.req.types, _ = parseResponseType(f.req.ResponseType)
	f.mode = f.req.types.defaultMode()
	if m := f.req.ResponseMode; validMode(m) && !(m == modeQuery && f.req.types.implicit()) {
		f.mode = m
	}
	if f.mode != modeWebMessage {
		return nil
	}
	origin, ok := originOf(f.req.RedirectURI)
	if !ok || !webOrigins(&f.client).match(origin) {
		return badPage("invalid_request", "The origin of redirect_uri is not in the application's Allowed Web Origins.")
	}
	f.origin = origin
	return nil
}

// webOrigins are the origins a web_message may be posted to: the client's
// web_origins and the origins of its callbacks (§1.5, §4.4).
func webOrigins(c *idp.Client) *originSet {
	s := &originSet{exact: map[string]bool{}}
	for _, list := range [][]string{c.WebOrigins, c.Callbacks} {
		for _, raw := range list {
			s.add(raw)
		}
	}
	return s
}

// checkRequest validates what can be reported to the application, in the
// order a client most needs to hear it.
func (h *Handler) checkRequest(ctx context.Context, f *authFlow) error {
	checks := []func() error{f.checkResponseType, f.checkResponseMode, f.checkGrant, f.checkNonce,
		f.checkPKCE, f.checkPrompt}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return h.resolveFlowAPI(ctx, f, f.req.Audience)
}

func (f *authFlow) checkResponseType() error {
	rt := f.req.ResponseType
	if rt == "" {
		return errMissing("response_type")
	}
	if _, ok := parseResponseType(rt); !ok {
		return errUnsupportedResponseType(rt)
	}
	return nil
}

func (f *authFlow) checkResponseMode() error {
	m := f.req.ResponseMode
	switch {
	case m != "" && !validMode(m):
		return errInvalidRequest("Unsupported response_mode: " + m)
	case m == modeQuery && f.req.types.implicit():
		return errInvalidRequest("response_mode=query is not allowed for response_type=" + f.req.ResponseType)
	}
	return nil
}

// checkGrant: a code needs the authorization_code grant, tokens from
// /authorize the implicit grant (hybrid: both).
func (f *authFlow) checkGrant() error {
	if f.req.types.code && !f.client.AllowsGrant(idp.GrantAuthorizationCode) {
		return errUnauthorizedClient(idp.GrantAuthorizationCode)
	}
	if f.req.types.implicit() && !f.client.AllowsGrant(idp.GrantImplicit) {
		return errUnauthorizedClient(idp.GrantImplicit)
	}
	return nil
}

// checkNonce: an ID token from /authorize needs a nonce (OIDC Core
// §3.2.2.1, §3.3.2.11), as auth0.js always sends one.
func (f *authFlow) checkNonce() error {
	if f.req.types.idToken && f.req.Nonce == "" {
		return errMissing("nonce")
	}
	return nil
}

// checkPrompt: none excludes every other value (OIDC Core §3.1.2.1);
// max_age must be a number of seconds.
func (f *authFlow) checkPrompt() error {
	if f.req.hasPrompt("none") && len(f.req.prompts()) > 1 {
		return errInvalidRequest("prompt=none cannot be combined with other prompt values")
	}
	n, ok := f.req.maxAge()
	if !ok {
		return errInvalidRequest("max_age must be a non-negative integer")
	}
	f.maxAge = n
	return nil
}

// resolveFlowAPI settles the audience: the request's, else the tenant's
// default_audience; none (or /userinfo) means a token for /userinfo only.
// An unknown API is access_denied "Service not found" (§4.6).
func (h *Handler) resolveFlowAPI(ctx context.Context, f *authFlow, aud string) error {
	if aud == "" {
		t, err := h.Store.GetTenant(ctx)
		if err != nil {
			return err
		}
		aud = t.DefaultAudience
	}
	if aud == "" || aud == h.userinfoAudience() {
		return nil
	}
	api, err := h.Store.GetResourceServerByIdentifier(ctx, aud)
	if idp.IsNotFound(err) {
		return errAccessDenied("Service not found: " + aud)
	}
	if err != nil {
		return err
	}
	f.api = &api
	return nil
}
