// Package idp holds Gatehouse's domain: the nouns of an Auth0-style tenant
// (users, applications, APIs, grants, roles, connections, signing keys,
// refresh tokens), the Error type every feature package speaks, and the
// Store contract that the sqlite and postgres packages implement.
//
// It depends on the standard library only and knows nothing of HTTP or SQL.
package idp
