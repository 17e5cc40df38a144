// Package jwtauth validates OAuth 2.0 access tokens that are JWTs (RFC
// 9068, and Auth0's own profile) and guards HTTP handlers with them. It
// works against any OpenID Connect issuer, Auth0 and Gatehouse included,
// and depends only on the standard library and jwx (lestrrat-go/jwx/v3:
// jwsbb splits tokens and checks signatures, jwk reads key sets), with
// fastjson, jwx's own JSON parser, reading headers and claims.
//
//	v, err := jwtauth.New(ctx, jwtauth.Config{
//		Issuer:    "https://tenant.example/", // exactly as in the tokens' iss
//		Audiences: []string{"https://api.example.com/"},
//	})
//	if err != nil { ... }
//	mux.Handle("GET /messages", jwtauth.Middleware(v)(
//		jwtauth.RequireScopes("read:messages")(listMessages)))
//
//	func listMessages(w http.ResponseWriter, r *http.Request) {
//		claims, _ := jwtauth.ClaimsFrom(r.Context())
//		...claims.Subject, claims.Scopes, claims.Permissions...
//	}
//
// # What a token must be
//
// A compact JWS signed with an algorithm from Config.Algorithms (RS256 by
// default; never "none" nor HMAC), by a key from the issuer's JWKS chosen
// by kid and fitting the algorithm (a JWK that states an alg must state
// this one). The header may not carry jku, x5u, jwk or x5c (keys come only
// from the issuer), crit (no extension is understood), b64 or cty; its typ,
// if present, is JWT or at+jwt; no header parameter and no registered claim
// may appear twice. Segments are unpadded base64url. iss equals Config.Issuer byte for byte; aud
// (string or array) holds one of Config.Audiences; exp is present and not
// past; nbf and iat are not in the future; Config.Leeway (30 s by default)
// applies to all three. Tokens longer than MaxTokenSize are refused unread.
//
// ID tokens are refused as access tokens: Auth0's carry the client id as
// aud, which the audience check already refuses unless an API identifier
// equals a client id; in addition any token with a nonce or at_hash claim
// is refused, since only ID tokens have those (OIDC Core §2, §3.1.3.6).
//
// # Keys
//
// With neither Config.JWKSURL nor static keys, the JWKS URL comes from
// {Issuer}.well-known/openid-configuration, whose issuer must equal
// Config.Issuer and whose jwks_uri must be https when the issuer is. The
// key set is fetched on first use, then kept for its Cache-Control max-age
// (bounded to 5 min .. 24 h; 10 min if absent). Concurrent callers share
// one fetch. An unknown kid triggers a refetch, but never more than one
// per Config.RefetchInterval (30 s), so random kids cannot make the
// validator hammer the issuer. When a fetch fails the last good keys stay
// in use; when there are none, Validate returns ErrKeysUnavailable.
//
// # Errors and responses
//
// Validate's errors match ErrInvalidToken (the client's fault) or
// ErrKeysUnavailable (not the client's fault). Middleware answers as RFC
// 6750 §3 says, always with a JSON body {"error", "error_description"} and
// Cache-Control: no-store:
//
//	no Authorization header    401  WWW-Authenticate: Bearer realm="…"
//	malformed header           400  … error="invalid_request"
//	invalid token              401  … error="invalid_token", error_description="…"
//	scope/permission missing   403  … error="insufficient_scope", scope="…"
//	issuer keys unavailable    503  Retry-After, error="temporarily_unavailable"
//
// # Cost
//
// Verified tokens are cached by SHA-256 of the token until exp (plus
// leeway) or for five minutes, whichever is sooner, in a bounded map
// (Config.TokenCacheSize entries), so a repeated token costs well under a
// microsecond and no allocation; a first-seen RS256 token costs the RSA
// verification plus a few microseconds (about 1.2 times the bare
// verification, which alone is why jwx's jwsbb is used rather than a
// higher-level JOSE API: go-jose's parse and verify cost 1.3 times).
package jwtauth
