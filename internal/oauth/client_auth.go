package oauth

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// credentials are what a request presented to identify its client.
type credentials struct {
	id, secret string
}

// clientCredentials reads client_secret_basic, falling back to the body's
// client_id and client_secret (client_secret_post, or none for public
// clients). Basic values are form-urlencoded (RFC 6749 §2.3.1).
func clientCredentials(r *http.Request, id, secret string) (credentials, error) {
	user, pass, ok := r.BasicAuth()
	if !ok {
		return credentials{id: id, secret: secret}, nil
	}
	user, pass = formUnescape(user), formUnescape(pass)
	if id != "" && id != user {
		return credentials{}, errInvalidRequest("client_id in the body does not match the Authorization header.")
	}
	return credentials{id: user, secret: pass}, nil
}

// formUnescape decodes s, keeping it raw when it is not valid encoding:
// some clients send Basic credentials unencoded.
func formUnescape(s string) string {
	if v, err := url.QueryUnescape(s); err == nil {
		return v
	}
	return s
}

// authenticate looks the client up and checks its secret in constant time.
// Bad credentials are ok == false; err is a broken store. A public client
// (token_endpoint_auth_method none) authenticates with its id alone;
// whether a grant accepts public clients is the grant's decision.
// Auth0 may reject a secret sent by a method other than the configured
// one (unconfirmed, §3.1); we accept post and basic alike.
func (h *Handler) authenticate(ctx context.Context, c credentials) (client idp.Client, ok bool, err error) {
	client, err = h.Store.GetClient(ctx, c.id)
	if idp.IsNotFound(err) {
		return client, false, nil
	}
	if err != nil {
		return client, false, err
	}
	if client.IsPublic() {
		return client, true, nil
	}
	return client, h.Secrets.Equal(c.secret, client.SecretHash), nil
}

// endUserIP is the address brute-force protection counts against: the
// auth0-forwarded-for header when a confidential client that authenticated
// is trusted to send it (§1.3), else the connection's address.
func (h *Handler) endUserIP(r *http.Request, client *idp.Client) string {
	if !client.IsPublic() && client.TokenEndpointIPTrusted {
		if ip, ok := forwardedIP(r.Header.Get("Auth0-Forwarded-For")); ok {
			return ip
		}
	}
	return h.remoteIP(r)
}

// forwardedIP parses the header value as one IP address; a list keeps its
// first entry, the end user's.
func forwardedIP(v string) (string, bool) {
	first, _, _ := strings.Cut(v, ",")
	ip, err := netip.ParseAddr(strings.TrimSpace(first))
	if err != nil {
		return "", false
	}
	return ip.Unmap().String(), true
}
