// Package oauth serves the OAuth 2.0 and OpenID Connect endpoints of
// Auth0's Authentication API: discovery, the JWKS, /authorize, the token
// endpoint, userinfo, revocation and logout, with Auth0's parameters,
// claims, status codes and error bodies (contract §2-§4, §6-§8, §10).
//
// Routes (Handler.Mount):
//
//	GET  /.well-known/openid-configuration  discovery document (§2.1)
//	GET  /.well-known/jwks.json             the published keys (§2.2)
//	GET|POST /authorize                     browser sign-in: code, implicit, hybrid (§4)
//	GET  /authorize/resume?state=…          answer a Transaction the login page finished
//	POST /oauth/token                       the grant table (§3)
//	GET|POST /userinfo                      profile claims of a Bearer token (§6)
//	POST /oauth/revoke                      revoke a refresh token family (§7)
//	GET  /v2/logout                         end the SSO session, go to returnTo (§8)
//	GET|POST /oidc/logout                   OIDC RP-initiated logout (§8)
//
// /authorize meets the login pages (internal/login, which this package
// never imports) only through the store: without a usable SSO session it
// stores an idp.Transaction and redirects to /u/login?state=<id> (or
// /u/signup); the login page signs the user in, sets the idp.SessionCookie,
// records the user and session on the Transaction and redirects to
// /authorize/resume, which answers once, and only in the browser holding
// that session. Errors before the client and redirect_uri are known good
// are pages; later ones go back by the response mode (query, fragment,
// form_post, web_message).
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
