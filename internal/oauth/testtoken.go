package oauth

import (
	"context"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// TestToken mints the access token a client_credentials request by the
// client for audience would get, without the client's secret: the Auth0
// dashboard's Test tab, behind `gatehouse token`. The client grant is still
// required and scope still narrows.
func (h *Handler) TestToken(ctx context.Context, clientID, audience, scope string) (token string, expiresIn int, err error) {
	x := &exchange{now: h.now(), grant: grants[idp.GrantClientCredentials],
		req: tokenRequest{GrantType: idp.GrantClientCredentials, ClientID: clientID, Audience: audience, Scope: scope}}
	if x.client, err = h.Store.GetClient(ctx, clientID); err != nil {
		return "", 0, err
	}
	if err = h.resolveAudience(ctx, x); err == nil {
		err = h.clientCredentials(ctx, x)
	}
	if err != nil {
		return "", 0, err
	}
	return h.accessToken(x)
}
