package oauth

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// oidcLogout is a parsed /oidc/logout request (§8; OpenID Connect
// RP-Initiated Logout 1.0 §2).
type oidcLogout struct {
	clientID, redirectURI, state, logoutHint, confirm string
	hinted                                            bool // a valid id_token_hint came
}

// serveOIDCLogout is GET and POST /oidc/logout. It signs out at once when
// an id_token_hint we issued, or a logout_hint naming this browser's
// session, shows the application asked; otherwise the user confirms.
func (h *Handler) serveOIDCLogout(w http.ResponseWriter, r *http.Request) {
	p, err := h.parseOIDCLogout(r)
	target := ""
	if err == nil && p.redirectURI != "" {
		target, err = h.logoutTarget(r.Context(), p.clientID, p.redirectURI, "post_logout_redirect_uri")
	}
	s, ok := idp.Session{}, false
	if err == nil {
		s, ok, err = h.cookieSession(r.Context(), r)
	}
	if err == nil && ok && !p.confirmed(r, s) {
		h.confirmLogout(w, r, p)
		return
	}
	if err == nil {
		err = h.endSession(w, r)
	}
	if err != nil {
		h.writePage(w, r, err)
		return
	}
	h.leave(w, withState(target, p.state))
}

// parseOIDCLogout reads the query or form and checks id_token_hint.
func (h *Handler) parseOIDCLogout(r *http.Request) (oidcLogout, error) {
	if err := r.ParseForm(); err != nil {
		return oidcLogout{}, badPage("invalid_request", "The request is malformed.")
	}
	get := func(k string) string { return r.Form.Get(k) }
	p := oidcLogout{clientID: get("client_id"), redirectURI: get("post_logout_redirect_uri"),
		state: get("state"), logoutHint: get("logout_hint"), confirm: get("confirm")}
	for _, v := range []string{p.clientID, p.redirectURI, p.state, p.logoutHint, p.confirm} {
		if len(v) > maxParam {
			return p, badPage("invalid_request", "A parameter is too long.")
		}
	}
	if hint := get("id_token_hint"); hint != "" {
		return p, h.checkHint(&p, hint)
	}
	return p, nil
}

// checkHint verifies id_token_hint: our signature and issuer; an expired
// hint is accepted (RP-Initiated Logout §2). Its audience names the client
// and must include client_id when both are given.
func (h *Handler) checkHint(p *oidcLogout, raw string) error {
	var c jwt.Claims
	if len(raw) > maxBearer || h.parseOurs(raw, &c) != nil || c.Issuer != h.Issuer || len(c.Audience) == 0 {
		return badPage("invalid_request", "The id_token_hint is not a valid ID token of this server.")
	}
	switch {
	case p.clientID == "":
		p.clientID = c.Audience[0]
	case !slices.Contains([]string(c.Audience), p.clientID):
		return badPage("invalid_request", "The client_id does not match the audience of the id_token_hint.")
	}
	p.hinted = true
	return nil
}

// confirmed reports whether the request may end session s without asking.
func (p *oidcLogout) confirmed(r *http.Request, s idp.Session) bool {
	if p.hinted || p.logoutHint != "" && p.logoutHint == s.ID {
		return true
	}
	want := confirmToken(r)
	return want != "" && subtle.ConstantTimeCompare([]byte(p.confirm), []byte(want)) == 1
}

// confirmToken is derived from the session cookie's secret, so another
// site cannot forge the confirmation form.
func confirmToken(r *http.Request) string {
	c, err := r.Cookie(idp.SessionCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("gatehouse logout confirmation\x00" + c.Value))
	return hex.EncodeToString(sum[:16])
}

// confirmLogout asks the user to confirm; the page cannot be framed.
func (h *Handler) confirmLogout(w http.ResponseWriter, r *http.Request, p oidcLogout) {
	var fs []field
	for _, f := range []field{{"client_id", p.clientID}, {"post_logout_redirect_uri", p.redirectURI},
		{"state", p.state}, {"confirm", confirmToken(r)}} {
		if f.Value != "" {
			fs = append(fs, f)
		}
	}
	h.render(w, http.StatusOK, "error.html", &page{Title: "Sign out?",
		Description: "Do you want to sign out?", Action: "/oidc/logout", Fields: fs, Button: "Sign out"}, false)
}

// withState adds state to the redirect (RP-Initiated Logout §3).
func withState(target, state string) string {
	if target == "" || state == "" {
		return target
	}
	sep := "?"
	if strings.Contains(target, "?") {
		sep = "&"
	}
	return target + sep + "state=" + url.QueryEscape(state)
}
