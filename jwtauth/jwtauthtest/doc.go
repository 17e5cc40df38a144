// Package jwtauthtest helps test code that uses jwtauth: it generates
// signing keys in process, runs an issuer stand-in on httptest (discovery
// document and JWKS, with fetch counters, key rotation and failure
// switches) and builds Auth0-shaped access tokens, good ones and the bad
// ones attackers send (alg none, HS256 keyed with the public key, key
// material in the header, crit, odd kids).
//
//	srv := jwtauthtest.NewServer()
//	defer srv.Close()
//	v, _ := jwtauth.New(ctx, srv.Config())
//	token := srv.Token().Scope("read:messages").MustSign()
//	claims, err := v.Validate(ctx, token)
//
// Key generation and signing failures are programming errors here, so the
// Must… helpers panic, like httptest.NewServer does.
package jwtauthtest
