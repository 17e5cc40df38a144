package oauth

import (
	"context"
	"encoding/hex"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// authorizationCode is the authorization_code exchange (§3.3; RFC 6749
// §4.1.3; RFC 7636 §4.6). The code is consumed before any other check, so
// a failed exchange burns it: a verifier cannot be guessed twice. The
// audience, scopes, nonce and session bound at /authorize apply;
// audience and scope sent here are ignored (§19: Auth0's handling is
// unconfirmed).
func (h *Handler) authorizationCode(ctx context.Context, x *exchange) error {
	if x.req.Code == "" {
		return errMissing("code")
	}
	c, err := h.consumeCode(ctx, x)
	if err != nil {
		return err
	}
	if err := x.checkCode(&c); err != nil {
		return err
	}
	u, err := h.codeUser(ctx, c.UserID)
	if err != nil {
		return err
	}
	if c.Audience != "" {
		if err := h.loadAPI(ctx, x, c.Audience); err != nil {
			return err
		}
	}
	x.user, x.subject, x.family = &u, u.ID, codeFamily(c.Hash)
	x.signIn = signIn{nonce: c.Nonce, sid: c.SessionID, authTime: c.AuthTime}
	return h.browserScopes(ctx, x, c.Scope, false, true)
}

// consumeCode marks the code used. A second use is a replay: the refresh
// tokens the first exchange started are revoked (RFC 6749 §4.1.2, §10.5);
// access tokens already issued stay valid until they expire.
func (h *Handler) consumeCode(ctx context.Context, x *exchange) (idp.AuthCode, error) {
	if len(x.req.Code) > maxParam {
		return idp.AuthCode{}, errInvalidCode()
	}
	hash := idp.TokenHash(x.req.Code)
	c, err := h.Store.ConsumeAuthCode(ctx, hash, x.now)
	switch idp.ErrorCode(err) {
	case "":
		return c, nil
	case idp.ENotFound:
		return c, errInvalidCode()
	case idp.EConflict:
		h.log().Warn("authorization code replayed; its refresh tokens are revoked", "client_id", x.client.ID)
		if err := h.Store.RevokeRefreshFamily(ctx, codeFamily(hash)); err != nil {
			return c, err
		}
		return c, errInvalidCode()
	}
	return c, err
}

// checkCode: the code must be the client's, come back with the
// redirect_uri it was issued for, and pass PKCE.
func (x *exchange) checkCode(c *idp.AuthCode) error {
	switch {
	case c.ClientID != x.client.ID:
		return errInvalidCode()
	case c.RedirectURI != "" && x.req.RedirectURI != c.RedirectURI:
		return errInvalidGrant("The redirect_uri does not match the one of the authorization request.")
	case c.CodeChallenge == "" && x.client.IsPublic():
		return errInvalidGrant("Failed to verify code verifier") // the client became public meanwhile
	}
	return checkVerifier(x.req.CodeVerifier, c.CodeChallenge)
}

// checkVerifier: with a challenge bound, the verifier must match it; with
// none, a verifier is refused too (OAuth 2.1 §4.1.3: a downgrade attack).
func checkVerifier(verifier, challenge string) error {
	if challenge == "" && verifier == "" {
		return nil
	}
	if challenge == "" || !verifyPKCE(verifier, challenge) {
		return errInvalidGrant("Failed to verify code verifier")
	}
	return nil
}

// codeUser loads the code's user, who may have been deleted or blocked
// since signing in.
func (h *Handler) codeUser(ctx context.Context, id string) (idp.User, error) {
	u, err := h.Store.GetUser(ctx, id)
	switch {
	case idp.IsNotFound(err):
		return u, errInvalidCode()
	case err != nil:
		return u, err
	case u.Blocked:
		return u, errInvalidGrant("user is blocked")
	}
	return u, nil
}

// codeFamily is the id of the refresh-token family a code's exchange
// starts, derived from the code's hash so that a replay can revoke it.
func codeFamily(hash []byte) string {
	return "code:" + hex.EncodeToString(hash[:16])
}
