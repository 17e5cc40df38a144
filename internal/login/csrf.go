package login

import (
	"crypto/subtle"
	"net/http"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// csrfField is the hidden form field that carries the token.
const csrfField = "csrf"

// csrfLen is the token's length: 43 characters of [a-zA-Z0-9], 256 bits.
const csrfLen = 43

// The CSRF token is a double-submit cookie: a random value in a cookie
// another site can neither read (HttpOnly) nor send (SameSite=Strict),
// repeated in a hidden field. The __Host- prefix stops a sibling
// subdomain from planting its own cookie.

func (h *Handler) csrfCookieName() string {
	if h.InsecureCookies {
		return "gatehouse_csrf"
	}
	return "__Host-gatehouse_csrf"
}

// csrfToken returns the browser's token, or sets a new one. Reusing it
// keeps forms open in two tabs working.
func (h *Handler) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(h.csrfCookieName()); err == nil && len(c.Value) == csrfLen {
		return c.Value
	}
	token := idp.RandomString(csrfLen)
	http.SetCookie(w, &http.Cookie{
		Name: h.csrfCookieName(), Value: token, Path: "/",
		HttpOnly: true, Secure: !h.InsecureCookies, SameSite: http.SameSiteStrictMode,
	})
	return token
}

// validCSRF reports, in constant time, whether the form's token is the
// cookie's.
func (h *Handler) validCSRF(r *http.Request) bool {
	c, err := r.Cookie(h.csrfCookieName())
	if err != nil || len(c.Value) != csrfLen {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostForm.Get(csrfField))) == 1
}
