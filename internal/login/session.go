package login

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Session lifetimes when the tenant sets none (hours, as Auth0 counts them).
const (
	defaultSessionHours = 168 // 7 days
	defaultIdleHours    = 72  // 3 days
)

// resumePath is where /authorize picks the Transaction up again.
const resumePath = "/authorize/resume"

// signIn starts an SSO session for u, records it on the Transaction and
// sends the browser back to /authorize. A session the browser already
// held is ended: one browser, one session.
func (h *Handler) signIn(w http.ResponseWriter, r *http.Request, f flow, u idp.User) error {
	ctx := r.Context()
	now := h.now()
	life, idle := sessionLifetimes(f.tenant)
	secret := idp.RandomString(43) // 256 bits
	s := idp.Session{
		ID: idp.RandomString(32), Hash: idp.TokenHash(secret), UserID: u.ID,
		AuthTime: now, CreatedAt: now, LastSeen: now,
		ExpiresAt: now.Add(life), IdleExpiresAt: now.Add(min(idle, life)),
	}
	h.endSession(ctx, r)
	if err := h.Store.CreateSession(ctx, s); err != nil {
		return err
	}
	_, err := h.Store.UpdateTransaction(ctx, f.tx.ID, func(t *idp.Transaction) error {
		t.UserID, t.SessionID, t.AuthTime = u.ID, s.ID, now
		return nil
	})
	if err != nil {
		return notFoundAs(err, errExpired())
	}
	http.SetCookie(w, h.sessionCookie(secret, life))
	http.Redirect(w, r, resumePath+"?state="+url.QueryEscape(f.tx.ID), http.StatusSeeOther)
	return nil
}

// sessionLifetimes are the tenant's session_lifetime and
// idle_session_lifetime, or the defaults.
func sessionLifetimes(t idp.Tenant) (life, idle time.Duration) {
	hours := func(v, def float64) time.Duration {
		if v <= 0 {
			v = def
		}
		return time.Duration(v * float64(time.Hour))
	}
	return hours(t.SessionLifetime, defaultSessionHours), hours(t.IdleSessionLife, defaultIdleHours)
}

// sessionCookie holds the session's secret. SameSite=None, because silent
// authentication (prompt=none) runs /authorize in the application's
// cross-site iframe and must see it; HttpOnly and Secure always.
func (h *Handler) sessionCookie(secret string, life time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name: idp.SessionCookie, Value: secret, Path: "/", MaxAge: int(life / time.Second),
		HttpOnly: true, Secure: true, SameSite: http.SameSiteNoneMode,
	}
	if h.InsecureCookies {
		c.Secure, c.SameSite = false, http.SameSiteLaxMode // None requires Secure
	}
	return c
}

// endSession deletes the session of the browser's cookie, if any. It is
// best effort: the old cookie is about to be replaced anyway.
func (h *Handler) endSession(ctx context.Context, r *http.Request) {
	c, err := r.Cookie(idp.SessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > maxState {
		return
	}
	s, err := h.Store.GetSession(ctx, idp.TokenHash(c.Value), h.now())
	if err == nil {
		err = h.Store.DeleteSession(ctx, s.ID)
	}
	if err != nil && !idp.IsNotFound(err) {
		h.log().Warn("could not end the previous session", "err", err)
	}
}
