package oauth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// codeLife is how long an authorization code may wait for its exchange
// (Auth0's is unconfirmed, §19; RFC 6749 §4.1.2 recommends at most 10 min).
const codeLife = 5 * time.Minute

// answer makes the authorization response for the session's user: a
// code, tokens or both (§4.2), and the state. Refresh tokens never come
// from /authorize (§3.5).
func (h *Handler) answer(ctx context.Context, f *authFlow, s idp.Session, u idp.User) (url.Values, error) {
	types := f.req.types
	x := &exchange{now: f.now, client: f.client, api: f.api, user: &u, subject: u.ID,
		web: true, hybrid: types.code,
		signIn: signIn{nonce: f.req.Nonce, sid: s.ID, authTime: s.AuthTime}}
	if err := h.browserScopes(ctx, x, f.req.Scope, types.idToken, types.code); err != nil {
		return nil, err
	}
	out := url.Values{}
	if types.code {
		code, err := h.issueCode(ctx, f, x)
		if err != nil {
			return nil, err
		}
		out.Set("code", code)
	}
	if err := h.answerTokens(x, types, out); err != nil {
		return nil, err
	}
	if f.req.State != "" {
		out.Set("state", f.req.State)
	}
	return out, nil
}

// issueCode stores an authorization code bound to everything the exchange
// must check or repeat; only its hash is kept.
func (h *Handler) issueCode(ctx context.Context, f *authFlow, x *exchange) (string, error) {
	value := newOpaque()
	c := idp.AuthCode{
		Hash: idp.TokenHash(value), ClientID: f.client.ID, UserID: x.user.ID,
		RedirectURI: f.req.RedirectURI, Scope: strings.Join(x.scopes, " "), Audience: f.audience(),
		Nonce: f.req.Nonce, CodeChallenge: f.req.CodeChallenge, CodeChallengeMethod: f.req.CodeChallengeMethod,
		SessionID: x.signIn.sid, AuthTime: x.signIn.authTime, CreatedAt: f.now, ExpiresAt: f.now.Add(codeLife),
	}
	if err := h.Store.CreateAuthCode(ctx, c); err != nil {
		return "", err
	}
	x.signIn.cHash = halfHash(value)
	return value, nil
}

// answerTokens adds the access token and the ID token asked for; the ID
// token hashes the access token (at_hash) and the code (c_hash) it
// travels with.
func (h *Handler) answerTokens(x *exchange, types responseTypes, out url.Values) error {
	if types.token {
		at, life, err := h.accessToken(x)
		if err != nil {
			return err
		}
		out.Set("access_token", at)
		out.Set("token_type", "Bearer")
		out.Set("expires_in", strconv.Itoa(life))
		out.Set("scope", strings.Join(x.scopes, " "))
		x.signIn.atHash = halfHash(at)
	}
	if types.idToken {
		id, err := h.idToken(x)
		if err != nil {
			return err
		}
		out.Set("id_token", id)
	}
	return nil
}

// browserScopes settles the scopes of a browser sign-in (§3.4): the OIDC
// scopes asked for (openid added when an ID token is asked for), and the
// API's scopes asked for, cut down to the user's permissions under RBAC.
// Unlike the password grant, nothing is implied by an empty scope.
// offline_access stays only for a code whose API allows refresh tokens.
func (h *Handler) browserScopes(ctx context.Context, x *exchange, scope string, idToken, code bool) error {
	requested := dedupe(strings.Fields(scope))
	if idToken && !slices.Contains(requested, scopeOpenID) {
		requested = append([]string{scopeOpenID}, requested...)
	}
	api, err := h.apiScopes(ctx, x, requested)
	if err != nil {
		return err
	}
	x.scopes = append(filter(requested, isOIDCScope), api...)
	if !code || !x.offlineAllowed() {
		x.scopes = slices.DeleteFunc(x.scopes, func(s string) bool { return s == scopeOfflineAccess })
	}
	return nil
}

// halfHash is the at_hash / c_hash of value: the left half of its SHA-256,
// base64url (OIDC Core §3.3.2.11; ID tokens are always RS256).
func halfHash(value string) string {
	sum := sha256.Sum256([]byte(value))
	return base64.RawURLEncoding.EncodeToString(sum[:sha256.Size/2])
}
