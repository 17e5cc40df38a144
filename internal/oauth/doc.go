// Package oauth serves the OAuth 2.0 and OpenID Connect endpoints of
// Auth0's Authentication API: discovery, the JWKS, the token endpoint,
// userinfo and revocation, with Auth0's parameters, claims, status codes
// and error bodies (contract §2, §3, §6, §7, §10).
//
// Routes (Handler.Mount):
//
//	GET  /.well-known/openid-configuration  discovery document (§2.1)
//	GET  /.well-known/jwks.json             the published keys (§2.2)
//	POST /oauth/token                       the grant table (§3)
//	GET|POST /userinfo                      profile claims of a Bearer token (§6)
//	POST /oauth/revoke                      revoke a refresh token family (§7)
//
// The token endpoint runs every request through the same phases: parse,
// authenticate the client, check the grant is allowed for it, settle the
// audience, exchange (the grant's own work: check the client grant, the
// password or the refresh token, and settle the scopes), mint, write.
// Grants are rows of the grants table; an unknown grant_type is
// unsupported_grant_type.
//
// Every error of these endpoints is an *Error, made by a constructor and
// written by Handler.writeError with Cache-Control: no-store; /userinfo
// answers its 401s in plain text, as Auth0 does.
//
// Origins is the CORS policy of these endpoints (§1.5): a browser origin is
// allowed when some client lists it in allowed_origins or web_origins or
// has a callback on it.
package oauth
