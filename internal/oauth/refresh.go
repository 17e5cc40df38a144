package oauth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// issueRefresh returns the refresh token of the response, or "": a new
// family when a user grant got offline_access and the client may refresh;
// the next token of the family when a rotating client redeems one.
// Non-rotating clients get no new token on refresh (§3.5).
func (h *Handler) issueRefresh(ctx context.Context, x *exchange) (string, error) {
	switch {
	case x.redeem != nil && x.client.RefreshToken.RotationType == "rotating":
		return h.rotate(ctx, x)
	case x.redeem == nil && x.user != nil && x.hasScope(scopeOfflineAccess) &&
		x.client.AllowsGrant(idp.GrantRefreshToken):
		return h.newFamily(ctx, x)
	}
	return "", nil
}

// newFamily stores the first token of a family; only its hash is kept.
func (h *Handler) newFamily(ctx context.Context, x *exchange) (string, error) {
	value := newOpaque()
	abs, idle := expiries(x.client.RefreshToken, x.now)
	family := x.family
	if family == "" {
		family = idp.RandomHex(12)
	}
	rt := idp.RefreshToken{
		ID: idp.RandomHex(12), Hash: idp.TokenHash(value), FamilyID: family,
		ClientID: x.client.ID, UserID: x.user.ID, Audience: x.audience(),
		Scope: strings.Join(x.scopes, " "), Grant: x.req.GrantType, SessionID: x.signIn.sid,
		AuthTime: familyAuthTime(x), CreatedAt: x.now, ExpiresAt: abs, IdleExpiresAt: idle,
	}
	return value, h.Store.CreateRefreshToken(ctx, rt)
}

// familyAuthTime is when the user of a new family last entered
// credentials: now for the password grants, which checked them in this
// request; else the browser sign-in behind the code. The refresh grant
// reports it as auth_time, which SDKs require when max_age was set (§10.4).
func familyAuthTime(x *exchange) time.Time {
	switch x.req.GrantType {
	case idp.GrantPassword, idp.GrantPasswordRealm:
		return x.now
	}
	return x.signIn.authTime
}

// rotate marks the redeemed token used and stores its successor, which
// keeps the family's absolute expiry and original scopes. A reuse found by
// the store (racing the check in redeemable) revokes the family there.
func (h *Handler) rotate(ctx context.Context, x *exchange) (string, error) {
	old, value := x.redeem, newOpaque()
	_, idle := expiries(x.client.RefreshToken, x.now)
	next := *old
	next.ID, next.Hash, next.CreatedAt = idp.RandomHex(12), idp.TokenHash(value), x.now
	next.IdleExpiresAt, next.UsedAt, next.Revoked = idle, time.Time{}, false
	err := h.Store.RotateRefreshToken(ctx, old.Hash, next, x.now, leeway(&x.client))
	switch idp.ErrorCode(err) {
	case "":
		return value, nil
	case idp.EForbidden, idp.ENotFound:
		return "", errInvalidRefreshToken()
	}
	return "", err
}

// newOpaque returns 32 random bytes, base64url: a refresh token or an
// authorization code, opaque to clients.
func newOpaque() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// expiries returns the absolute and idle expiry of a token made at now;
// zero means never.
func expiries(cfg idp.RefreshTokenConfig, now time.Time) (abs, idle time.Time) {
	if cfg.ExpirationType != "expiring" {
		return
	}
	if !cfg.InfiniteTokenLifetime && cfg.TokenLifetime > 0 {
		abs = now.Add(time.Duration(cfg.TokenLifetime) * time.Second)
	}
	if !cfg.InfiniteIdleTokenLifetime && cfg.IdleTokenLifetime > 0 {
		idle = now.Add(time.Duration(cfg.IdleTokenLifetime) * time.Second)
	}
	return
}

// live reports whether rt is neither revoked nor expired at now.
func live(rt *idp.RefreshToken, now time.Time) bool {
	expired := func(t time.Time) bool { return !t.IsZero() && !now.Before(t) }
	return !rt.Revoked && !expired(rt.ExpiresAt) && !expired(rt.IdleExpiresAt)
}

// leeway is how long a rotated token stays usable (§3.5).
func leeway(c *idp.Client) time.Duration {
	return time.Duration(c.RefreshToken.Leeway) * time.Second
}
