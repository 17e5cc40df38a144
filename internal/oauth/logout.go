package oauth

import (
	"context"
	"net/http"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// serveLogout is GET /v2/logout (§8): end the SSO session and go back to
// returnTo, which must be an Allowed Logout URL of the client (with
// client_id) or of the tenant (without). federated and auth0Client are
// ignored: there is no upstream identity provider to sign out of.
func (h *Handler) serveLogout(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	clientID, returnTo := q.Get("client_id"), q.Get("returnTo")
	target, err := h.logoutTarget(r.Context(), clientID, returnTo, "returnTo")
	if err == nil && returnTo == "" && clientID != "" {
		target = firstFixed(h.clientLogoutURLs(r.Context(), clientID))
	}
	if err == nil {
		err = h.endSession(w, r)
	}
	if err != nil {
		h.writePage(w, r, err)
		return
	}
	h.leave(w, target)
}

// logoutTarget checks uri (the parameter param) against the allowed
// logout URLs, with Auth0's wildcard rules (§4.3); "" stays "".
func (h *Handler) logoutTarget(ctx context.Context, clientID, uri, param string) (string, error) {
	allowed, wildcards, err := h.logoutURLs(ctx, clientID)
	if err != nil || uri == "" {
		return "", err
	}
	if !urlAllowed(allowed, uri, wildcards) {
		return "", badPage("invalid_request", `The "`+param+`" querystring parameter "`+shorten(uri)+
			`" is not defined as a valid URL in "Allowed Logout URLs".`)
	}
	return uri, nil
}

// logoutURLs are the client's allowed_logout_urls, or the tenant's when
// no client is named; wildcards count for first-party clients only.
func (h *Handler) logoutURLs(ctx context.Context, clientID string) ([]string, bool, error) {
	if clientID == "" {
		t, err := h.Store.GetTenant(ctx)
		return t.AllowedLogoutURLs, true, err
	}
	if len(clientID) > maxParam {
		return nil, false, badPage("invalid_request", "Unknown client.")
	}
	c, err := h.Store.GetClient(ctx, clientID)
	if idp.IsNotFound(err) {
		return nil, false, badPage("invalid_request", "Unknown client: "+clientID)
	}
	return c.AllowedLogoutURLs, c.IsFirstParty, err
}

// clientLogoutURLs is the client's list, or none if it cannot be read
// (logoutTarget has just read it).
func (h *Handler) clientLogoutURLs(ctx context.Context, clientID string) []string {
	urls, _, _ := h.logoutURLs(ctx, clientID)
	return urls
}

// firstFixed is the first allowed URL without a wildcard: with client_id
// and no returnTo, Auth0 goes to the client's first Allowed Logout URL.
func firstFixed(urls []string) string {
	for _, u := range urls {
		if !strings.Contains(u, "*") {
			return u
		}
	}
	return ""
}

// endSession deletes the browser's SSO session, if any, and expires its
// cookie.
func (h *Handler) endSession(w http.ResponseWriter, r *http.Request) error {
	s, ok, err := h.cookieSession(r.Context(), r)
	if ok {
		err = h.Store.DeleteSession(r.Context(), s.ID)
	}
	if err != nil && !idp.IsNotFound(err) {
		return err
	}
	h.expireCookie(w)
	return nil
}

// leave redirects to target, or shows that the user is signed out.
func (h *Handler) leave(w http.ResponseWriter, target string) {
	if target != "" {
		redirect(w, target)
		return
	}
	h.render(w, http.StatusOK, "error.html", &page{Title: "Signed out",
		Description: "You have signed out. You can close this window."}, false)
}

// shorten bounds a URL echoed on a page.
func shorten(s string) string {
	if len(s) > 200 {
		return strings.ToValidUTF8(s[:200], "") + "…"
	}
	return s
}
