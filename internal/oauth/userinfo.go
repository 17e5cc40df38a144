package oauth

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// verifiedAlgs are the algorithms this server signs access tokens with.
var verifiedAlgs = []jose.SignatureAlgorithm{jose.RS256, jose.ES256}

// maxBearer bounds the token parsed; ours are well under 2 KB.
const maxBearer = 8 << 10

// tokenProblem is the error_description of a /userinfo 401 (§6).
type tokenProblem string

func (p tokenProblem) Error() string { return string(p) }

const (
	errTokenExpired tokenProblem = "The token has expired"
	errTokenInvalid tokenProblem = "Invalid token"
)

// serveUserinfo is GET|POST /userinfo: the user's claims by the token's
// scope (§6).
func (h *Handler) serveUserinfo(w http.ResponseWriter, r *http.Request) {
	raw, ok := bearer(r)
	if !ok {
		unauthorized(w, nil)
		return
	}
	sub, scopes, err := h.verifyUserinfoToken(raw)
	if err != nil {
		unauthorized(w, err)
		return
	}
	u, err := h.Store.GetUser(r.Context(), sub)
	if idp.IsNotFound(err) {
		unauthorized(w, errTokenInvalid)
		return
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	body, _ := json.Marshal(userinfoClaims{Sub: u.ID, profileClaims: profileOf(u, scopes)})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}

// verifyUserinfoToken checks signature (by kid, allow-listed alg matching
// the key's), issuer, expiry and the /userinfo audience.
func (h *Handler) verifyUserinfoToken(raw string) (string, []string, error) {
	var std jwt.Claims
	var extra struct {
		Scope string `json:"scope"`
	}
	if err := h.parseOurs(raw, &std, &extra); err != nil {
		return "", nil, err
	}
	if err := h.checkUserinfoClaims(&std); err != nil {
		return "", nil, err
	}
	return std.Subject, strings.Fields(extra.Scope), nil
}

// parseOurs verifies raw's signature with the published key its kid
// names, the header's alg matching the key's, and decodes its claims.
func (h *Handler) parseOurs(raw string, claims ...any) error {
	tok, err := jwt.ParseSigned(raw, verifiedAlgs)
	if err != nil || len(tok.Headers) != 1 {
		return errTokenInvalid
	}
	key, alg, ok := h.Keys.PublicKey(tok.Headers[0].KeyID)
	if !ok || alg != tok.Headers[0].Algorithm {
		return errTokenInvalid
	}
	if err := tok.Claims(key, claims...); err != nil {
		return errTokenInvalid
	}
	return nil
}

func (h *Handler) checkUserinfoClaims(c *jwt.Claims) error {
	err := c.ValidateWithLeeway(jwt.Expected{Issuer: h.Issuer, Time: h.now()}, 0)
	switch {
	case errors.Is(err, jwt.ErrExpired):
		return errTokenExpired
	case err != nil, c.Expiry == nil, c.Subject == "":
		return errTokenInvalid
	case !slices.Contains([]string(c.Audience), h.userinfoAudience()):
		return errTokenInvalid
	}
	return nil
}

// bearer returns the Authorization header's Bearer token (RFC 6750 §2.1).
func bearer(r *http.Request) (string, bool) {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	tok = strings.TrimSpace(tok)
	if !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" || len(tok) > maxBearer {
		return "", false
	}
	return tok, true
}

// unauthorized writes Auth0's plain-text 401 (§6). Without a token there
// is no error code (RFC 6750 §3.1).
func unauthorized(w http.ResponseWriter, err error) {
	challenge := `Bearer realm="Users"`
	if err != nil {
		challenge += `, error="invalid_token", error_description="` + err.Error() + `"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusUnauthorized)
	w.Write([]byte("Unauthorized"))
}
