package oauth

import (
	"context"
	"net/http"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// maxCookie bounds the session cookie read before hashing it.
const maxCookie = 512

// defaultIdleHours is the idle session lifetime when the tenant sets none;
// the login pages use the same default when they create the session.
const defaultIdleHours = 72

// cookieSession returns the live session of the request's cookie; ok is
// false when there is none.
func (h *Handler) cookieSession(ctx context.Context, r *http.Request) (idp.Session, bool, error) {
	c, err := r.Cookie(idp.SessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > maxCookie {
		return idp.Session{}, false, nil
	}
	s, err := h.Store.GetSession(ctx, idp.TokenHash(c.Value), h.now())
	if idp.IsNotFound(err) {
		return s, false, nil
	}
	return s, err == nil, err
}

// sessionFor returns the request's session and its user when they may
// sign in to clientID: the user still exists, is not blocked, and belongs
// to a connection enabled for the client. Otherwise ok is false, and the
// user signs in again.
func (h *Handler) sessionFor(r *http.Request, clientID string) (idp.Session, idp.User, bool, error) {
	ctx := r.Context()
	s, ok, err := h.cookieSession(ctx, r)
	if !ok {
		return s, idp.User{}, false, err
	}
	u, err := h.Store.GetUser(ctx, s.UserID)
	if idp.IsNotFound(err) || err == nil && u.Blocked {
		return s, u, false, nil
	}
	if err != nil {
		return s, u, false, err
	}
	conn, err := h.Store.GetConnectionByName(ctx, u.Connection)
	if idp.IsNotFound(err) || err == nil && !conn.EnabledFor(clientID) {
		return s, u, false, nil
	}
	return s, u, err == nil, err
}

// touchSession records the session's use and moves its idle expiry, never
// past the absolute one. It is best effort: the answer is already made.
func (h *Handler) touchSession(ctx context.Context, s idp.Session, now time.Time) {
	idle := time.Duration(defaultIdleHours) * time.Hour
	if t, err := h.Store.GetTenant(ctx); err == nil && t.IdleSessionLife > 0 {
		idle = time.Duration(t.IdleSessionLife * float64(time.Hour))
	}
	_, err := h.Store.UpdateSession(ctx, s.ID, func(v *idp.Session) error {
		v.LastSeen, v.IdleExpiresAt = now, now.Add(idle)
		if v.ExpiresAt.Before(v.IdleExpiresAt) {
			v.IdleExpiresAt = v.ExpiresAt
		}
		return nil
	})
	if err != nil {
		h.log().Warn("could not mark the session used", "error", err)
	}
}

// expireCookie tells the browser to drop the session cookie; its
// attributes match those the login pages set it with.
func (h *Handler) expireCookie(w http.ResponseWriter) {
	c := &http.Cookie{Name: idp.SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: true, SameSite: http.SameSiteNoneMode}
	if h.InsecureCookies {
		c.Secure, c.SameSite = false, http.SameSiteLaxMode // None requires Secure
	}
	http.SetCookie(w, c)
}
