package oauth

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Token defaults (§11).
const (
	defaultAlg        = "RS256"
	defaultAPILife    = 86400 // API token_lifetime, and /userinfo-only tokens
	defaultWebLife    = 7200  // API token_lifetime_for_web, and implicit /userinfo-only tokens
	defaultIDLife     = 36000 // jwt_configuration.lifetime_in_seconds
	typJWT            = "JWT"
	typAccessTokenJWT = "at+jwt" // RFC 9068 §2.1
)

// mint issues the tokens: refresh first (it may still fail on a reused
// token), then the signatures, each claim set marshalled once.
func (h *Handler) mint(ctx context.Context, x *exchange) (*tokenResponse, error) {
	refresh, err := h.issueRefresh(ctx, x)
	if err != nil {
		return nil, err
	}
	at, life, err := h.accessToken(x)
	if err != nil {
		return nil, err
	}
	resp := &tokenResponse{AccessToken: at, RefreshToken: refresh, ExpiresIn: life,
		Scope: strings.Join(x.scopes, " "), TokenType: "Bearer"}
	if x.user != nil && x.hasScope(scopeOpenID) {
		if resp.IDToken, err = h.idToken(x); err != nil {
			return nil, err
		}
	}
	return resp, nil
}

// accessToken signs the access token with the API's algorithm and dialect.
func (h *Handler) accessToken(x *exchange) (string, int, error) {
	alg, typ, life := defaultAlg, typJWT, x.accessLife()
	c := accessClaims{Iss: h.Issuer, Sub: x.subject, Aud: h.accessAudience(x),
		Iat: x.now.Unix(), Scope: strings.Join(x.scopes, " "), Permissions: x.perms}
	if api := x.api; api != nil {
		alg = apiAlg(api)
		if isRFC9068(api.TokenDialect) {
			typ, c.Jti, c.ClientID = typAccessTokenJWT, idp.RandomHex(16), x.client.ID
		}
	}
	if c.ClientID == "" {
		c.Azp, c.Gty = x.client.ID, x.gty
	}
	c.Exp = c.Iat + int64(life)
	tok, err := h.sign(alg, typ, &c)
	return tok, life, err
}

// accessAudience is the API, plus /userinfo when openid was granted
// (§3.4), or /userinfo alone for a token without an API.
func (h *Handler) accessAudience(x *exchange) audience {
	if x.api == nil {
		return audience{h.userinfoAudience()}
	}
	if x.user != nil && x.hasScope(scopeOpenID) {
		return audience{x.api.Identifier, h.userinfoAudience()}
	}
	return audience{x.api.Identifier}
}

// idToken signs the ID token: RS256 always, since spa-js accepts nothing
// else (§10.4).
func (h *Handler) idToken(x *exchange) (string, error) {
	life := x.client.JWTConfiguration.LifetimeInSeconds
	if life <= 0 {
		life = defaultIDLife
	}
	s := &x.signIn
	c := idClaims{profileClaims: profileOf(*x.user, x.scopes), Iss: h.Issuer, Sub: x.user.ID,
		Aud: x.client.ID, Iat: x.now.Unix(), Exp: x.now.Unix() + int64(life),
		AtHash: s.atHash, CHash: s.cHash, Sid: s.sid, Nonce: s.nonce}
	if !s.authTime.IsZero() {
		c.AuthTime = s.authTime.Unix()
	}
	return h.sign(defaultAlg, typJWT, &c)
}

func (h *Handler) sign(alg, typ string, claims any) (string, error) {
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	return h.Keys.Sign(alg, typ, payload)
}

// audience returns the identifier of the token's API, or "".
func (x *exchange) audience() string {
	if x.api == nil {
		return ""
	}
	return x.api.Identifier
}

func apiAlg(api *idp.ResourceServer) string {
	if api.SigningAlg == "" {
		return defaultAlg
	}
	return api.SigningAlg
}

// accessLife is the access token's lifetime (§11): the API's
// token_lifetime, or its token_lifetime_for_web for tokens /authorize
// returns (implicit and hybrid); a token for /userinfo alone lives 7200 s
// from the implicit flow, 86400 s otherwise.
func (x *exchange) accessLife() int {
	api := x.api
	switch {
	case api != nil && x.web && api.TokenLifetimeForWeb > 0:
		return api.TokenLifetimeForWeb
	case api != nil && x.web, api == nil && x.web && !x.hybrid:
		return defaultWebLife
	case api != nil && api.TokenLifetime > 0:
		return api.TokenLifetime
	}
	return defaultAPILife
}

func isRFC9068(dialect string) bool {
	return dialect == idp.DialectRFC9068 || dialect == idp.DialectRFC9068Authz
}
