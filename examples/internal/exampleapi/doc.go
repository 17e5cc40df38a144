// Package exampleapi is what the example APIs share: the flags that
// choose how tokens are checked, a jwtauth.Validator that trusts a local
// CA, and serving.
//
// Standalone, an API checks tokens itself with jwtauth.Middleware. Behind
// `gatehouse gateway` (--behind-gateway), the gateway verifies the bearer
// token and passes the verified claims upstream in X-Auth-* headers, after
// deleting any a client sent; FromGateway turns those headers back into
// jwtauth claims, so the same handlers and jwtauth.Require… checks serve
// both ways. Trusting the headers is only safe when nothing but the
// gateway can reach the API: listen on loopback, or on a network only it
// shares.
package exampleapi
