// Package m2m gets machine-to-machine access tokens with the OAuth 2.0
// client credentials grant (RFC 6749 §4.4) as Auth0 and Gatehouse issue
// them, and reuses each token until shortly before it expires, as Auth0
// asks of machine clients (its quotas count tokens issued, not calls made).
//
//	ts, err := m2m.New(ctx, m2m.Config{
//		TokenURL:     "https://tenant.example/oauth/token",
//		ClientID:     id,
//		ClientSecret: secret,
//		Audience:     "https://api.example.com/",
//	})
//	client := oauth2.NewClient(ctx, ts) // adds "Authorization: Bearer …"
//
// A TokenSource is an oauth2.TokenSource. Its states:
//
//	no token            Token fetches one
//	fresh               (now < expiry − margin) Token returns it, no request
//	stale, unexpired    Token fetches a new one; if that fails it returns
//	                    the old one and waits RetryInterval before trying again
//	expired             Token fetches; if that fails it returns the error
//
// However many goroutines call Token at once, one request is made and all
// of them get its outcome. An expired token is never returned. Expiry is
// measured on Config.Now from the moment the request was sent, using the
// response's expires_in, so a slow response makes the estimate early,
// never late.
//
// Auth0 requires the audience parameter (the API identifier); it is sent
// as clientcredentials.Config.EndpointParams. Client authentication is
// client_secret_post by default, Auth0's default for machine clients.
package m2m
