package oauth

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// audienceRule says where a grant's audience comes from.
type audienceRule int

const (
	audienceRequired  audienceRule = iota // the request or default_audience; else an error
	audienceOptional                      // as above; else a /userinfo-only token
	audienceFromToken                     // the redeemed token's
)

// grant is one row of the token endpoint's grant table.
type grant struct {
	public   bool         // public clients (no secret) may use it
	audience audienceRule // how resolveAudience settles the audience
	// exchange does the grant's own checks, sets the subject and settles
	// the scopes.
	exchange func(h *Handler, ctx context.Context, x *exchange) error
}

// grants is the table of supported grant types; every other grant_type is
// unsupported_grant_type (§3.3).
var grants = map[string]grant{
	idp.GrantClientCredentials: {audience: audienceRequired, exchange: (*Handler).clientCredentials},
	idp.GrantPassword:          {public: true, audience: audienceOptional, exchange: (*Handler).password},
	idp.GrantPasswordRealm:     {public: true, audience: audienceOptional, exchange: (*Handler).passwordRealm},
	idp.GrantRefreshToken:      {public: true, audience: audienceFromToken, exchange: (*Handler).refresh},
	idp.GrantAuthorizationCode: {public: true, audience: audienceFromToken, exchange: (*Handler).authorizationCode},
}

// resolveAudience settles the API the token is for (§3.4).
func (h *Handler) resolveAudience(ctx context.Context, x *exchange) error {
	if x.grant.audience == audienceFromToken {
		return nil
	}
	aud := x.req.Audience
	if aud == "" {
		t, err := h.tenantOf(ctx, x)
		if err != nil {
			return err
		}
		aud = t.DefaultAudience
	}
	if x.grant.audience == audienceOptional && (aud == "" || aud == h.userinfoAudience()) {
		return nil
	}
	if aud == "" {
		return errAccessDenied("No audience parameter was provided, and no default audience has been configured")
	}
	return h.loadAPI(ctx, x, aud)
}

// loadAPI looks the audience up among the registered APIs.
func (h *Handler) loadAPI(ctx context.Context, x *exchange, aud string) error {
	api, err := h.Store.GetResourceServerByIdentifier(ctx, aud)
	if idp.IsNotFound(err) {
		return errAccessDenied("Service not enabled within domain: " + aud)
	}
	if err != nil {
		return err
	}
	x.api = &api
	return nil
}
