package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/reqbody"
)

// tokenRequest is the body of POST /oauth/token, JSON or form (§1.2).
// Unknown parameters are ignored (§1.3).
type tokenRequest struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	Audience     string `json:"audience"`
	Scope        string `json:"scope"`
	Username     string `json:"username"`
	Password     string `json:"password"`
	Realm        string `json:"realm"`
	RefreshToken string `json:"refresh_token"`
	Code         string `json:"code"`
	RedirectURI  string `json:"redirect_uri"`
	CodeVerifier string `json:"code_verifier"`
}

// exchange carries one token request through the phases.
type exchange struct {
	req     tokenRequest
	grant   grant
	now     time.Time
	client  idp.Client
	ip      string
	tenant  *idp.Tenant         // read at most once, when needed
	api     *idp.ResourceServer // nil: a token for /userinfo only
	subject string              // sub of the access token
	user    *idp.User           // nil for client credentials
	scopes  []string            // granted
	perms   []string            // the permissions claim; nil for none
	gty     string              // the access token's gty claim
	redeem  *idp.RefreshToken   // the refresh token being redeemed
	signIn  signIn              // the browser sign-in, for ID tokens
	family  string              // the refresh family to start; "" for a random id
	web     bool                // tokens /authorize returns (§11 lifetimes)
	hybrid  bool                // ... alongside a code
}

// signIn is what an ID token reports about the browser sign-in behind it
// (§10.3) and the hashes binding it to what it travels with (OIDC Core
// §3.3.2.11).
type signIn struct {
	nonce, sid    string
	authTime      time.Time
	atHash, cHash string
}

// tokenResponse is the success body (§3.2).
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
	Scope        string `json:"scope,omitempty"`
	ExpiresIn    int    `json:"expires_in"`
	TokenType    string `json:"token_type"`
}

// serveToken is POST /oauth/token.
func (h *Handler) serveToken(w http.ResponseWriter, r *http.Request) {
	x := &exchange{now: h.now()}
	resp, err := h.token(r, x)
	h.Metrics.observe(x.req.GrantType, err)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	body, _ := json.Marshal(resp)
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Pragma", "no-cache")
	w.Write(body)
}

// token runs the shared phases; the grant supplies the exchange.
func (h *Handler) token(r *http.Request, x *exchange) (*tokenResponse, error) {
	ctx := r.Context()
	if err := decodeBody(r, &x.req); err != nil {
		return nil, err
	}
	if err := x.lookupGrant(); err != nil {
		return nil, err
	}
	if err := h.authenticateClient(r, x); err != nil {
		return nil, err
	}
	if err := x.checkGrantAllowed(); err != nil {
		return nil, err
	}
	if err := h.resolveAudience(ctx, x); err != nil {
		return nil, err
	}
	if err := x.grant.exchange(h, ctx, x); err != nil {
		return nil, err
	}
	return h.mint(ctx, x)
}

// decodeBody maps reqbody's errors to OAuth errors.
func decodeBody(r *http.Request, dst any) error {
	err := reqbody.Decode(r, dst)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, reqbody.ErrTooLarge):
		return errTooLarge()
	case errors.Is(err, reqbody.ErrMediaType):
		return errInvalidRequest("Content-Type must be application/json or application/x-www-form-urlencoded.")
	}
	return errInvalidRequest("The request body is malformed.")
}

func (x *exchange) lookupGrant() error {
	if x.req.GrantType == "" {
		return errMissing("grant_type")
	}
	g, ok := grants[x.req.GrantType]
	if !ok {
		return errUnsupportedGrant(x.req.GrantType)
	}
	x.grant = g
	return nil
}

func (h *Handler) authenticateClient(r *http.Request, x *exchange) error {
	creds, err := clientCredentials(r, x.req.ClientID, x.req.ClientSecret)
	if err != nil {
		return err
	}
	if creds.id == "" {
		return errMissing("client_id")
	}
	client, ok, err := h.authenticate(r.Context(), creds)
	if err != nil {
		return err
	}
	if !ok {
		return errClientAuth()
	}
	x.client, x.ip = client, h.endUserIP(r, &client)
	return nil
}

// checkGrantAllowed: the grant must be enabled for the client, and a
// public client may only use grants that need no secret.
func (x *exchange) checkGrantAllowed() error {
	if !x.client.AllowsGrant(x.req.GrantType) || (x.client.IsPublic() && !x.grant.public) {
		return errUnauthorizedClient(x.req.GrantType)
	}
	return nil
}

// tenantOf reads the tenant once per request.
func (h *Handler) tenantOf(ctx context.Context, x *exchange) (*idp.Tenant, error) {
	if x.tenant == nil {
		t, err := h.Store.GetTenant(ctx)
		if err != nil {
			return nil, err
		}
		x.tenant = &t
	}
	return x.tenant, nil
}
