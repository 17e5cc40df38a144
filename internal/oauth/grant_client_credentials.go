package oauth

import (
	"context"
	"fmt"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// clientCredentials is the client_credentials exchange: the client needs a
// client grant for the audience (§3.4).
func (h *Handler) clientCredentials(ctx context.Context, x *exchange) error {
	cg, err := h.Store.GetClientGrant(ctx, x.client.ID, x.api.Identifier)
	if idp.IsNotFound(err) {
		return errAccessDenied(fmt.Sprintf(
			`Client "%s" is not authorized to access resource server "%s". You need to create a "client-grant".`,
			x.client.ID, x.api.Identifier))
	}
	if err != nil {
		return err
	}
	x.subject, x.gty = x.client.ID+"@clients", "client-credentials"
	x.scopes = narrowScopes(cg.Scope, strings.Fields(x.req.Scope))
	return nil
}

// narrowScopes returns the granted scopes the request asked for, or all of
// them when it asked for none. Whether Auth0 narrows a client-credentials
// token to the requested subset (rather than ignoring or rejecting the
// request) is unconfirmed (§3.3); narrowing never grants more.
func narrowScopes(granted, requested []string) []string {
	if len(requested) == 0 {
		return granted
	}
	return intersect(requested, granted)
}
