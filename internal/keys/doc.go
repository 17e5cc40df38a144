// Package keys owns Gatehouse's token-signing keys: it generates them
// (RS256 as RSA-2048, ES256 as P-256, each with a self-signed certificate
// published as x5c, like Auth0's), keeps the private halves encrypted at
// rest with a key derived from the master secret, rotates them with a
// compare-and-swap in the store so one replica wins, signs JWTs and renders
// the JWKS (contract §2.2, §10.1).
//
// Key states, as stored (idp.Key*):
//
//	current  -> signs new tokens; published
//	previous -> published until RetireAt so tokens it signed still verify
//	retired  -> gone from the JWKS
//
// A Manager holds an immutable snapshot of the published keys, with their
// parsed private keys and go-jose signers built once; Sign only reads it.
package keys
