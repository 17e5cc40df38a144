package oauth

import (
	"context"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// refresh is the refresh_token exchange (§3.3, §3.5): the token must be
// live and the client's; the new access token keeps the original audience
// and scopes, narrowed when the request asks for fewer. Rotation happens
// in mint, after every check has passed.
func (h *Handler) refresh(ctx context.Context, x *exchange) error {
	if x.req.RefreshToken == "" {
		return errMissing("refresh_token")
	}
	rt, err := h.redeemable(ctx, x)
	if err != nil {
		return err
	}
	u, err := h.refreshUser(ctx, rt.UserID)
	if err != nil {
		return err
	}
	if rt.Audience != "" {
		if err := h.loadAPI(ctx, x, rt.Audience); err != nil {
			return err
		}
	}
	x.redeem, x.user, x.subject, x.gty = &rt, &u, u.ID, refreshGty(rt)
	x.signIn = signIn{sid: rt.SessionID, authTime: rt.AuthTime}
	return h.refreshScopes(ctx, x, strings.Fields(rt.Scope))
}

// redeemable loads the presented token and checks it may be used now. A
// token used before the leeway is a reuse: its family is revoked (§3.5).
func (h *Handler) redeemable(ctx context.Context, x *exchange) (idp.RefreshToken, error) {
	hash := idp.TokenHash(x.req.RefreshToken)
	rt, err := h.Store.GetRefreshToken(ctx, hash)
	if idp.IsNotFound(err) {
		return rt, errInvalidRefreshToken()
	}
	if err != nil {
		return rt, err
	}
	if rt.ClientID != x.client.ID || !live(&rt, x.now) {
		return rt, errInvalidRefreshToken()
	}
	if !rt.UsedAt.IsZero() && x.now.Sub(rt.UsedAt) > leeway(&x.client) {
		h.log().Warn("refresh token reused; family revoked", "client_id", rt.ClientID, "family", rt.FamilyID)
		if err := h.Store.RevokeRefreshToken(ctx, hash); err != nil {
			return rt, err
		}
		return rt, errInvalidRefreshToken()
	}
	return rt, nil
}

// refreshUser loads the token's user (§3.6 rows for deleted and blocked users).
func (h *Handler) refreshUser(ctx context.Context, id string) (idp.User, error) {
	u, err := h.Store.GetUser(ctx, id)
	if idp.IsNotFound(err) {
		return u, errInvalidGrant("The refresh_token was generated for a user who doesn't exist anymore.")
	}
	if err != nil {
		return u, err
	}
	if u.Blocked {
		return u, errInvalidGrant("user is blocked")
	}
	return u, nil
}

// refreshScopes narrows the original scopes to those requested. Scopes
// never granted are dropped rather than refused: spa-js asks again for
// everything it asked at login, including what RBAC cut away. Under RBAC
// the user's current permissions apply again.
func (h *Handler) refreshScopes(ctx context.Context, x *exchange, original []string) error {
	want := narrowScopes(original, strings.Fields(x.req.Scope))
	oidc := filter(want, isOIDCScope)
	api, err := h.apiScopes(ctx, x, want)
	if err != nil {
		return err
	}
	x.scopes = append(oidc, api...)
	return nil
}

// refreshGty is the gty of the grant that started rt's family (§10.2):
// "password" for both password grants, none for the code flow. Tokens
// stored before the Grant field fall back to the old guess: without a
// login session, only a password grant could have issued them.
func refreshGty(rt idp.RefreshToken) string {
	switch rt.Grant {
	case idp.GrantPassword, idp.GrantPasswordRealm:
		return "password"
	case "":
		if rt.SessionID == "" {
			return "password"
		}
	}
	return ""
}
