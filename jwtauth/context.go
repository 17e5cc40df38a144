package jwtauth

import "context"

type claimsKey struct{}

// authInfo travels in the request context: the claims, and the realm the
// scope checks repeat in their challenges.
type authInfo struct {
	claims *Claims
	realm  string
}

// ClaimsFrom returns the claims Middleware verified for this request.
func ClaimsFrom(ctx context.Context) (*Claims, bool) {
	info, ok := ctx.Value(claimsKey{}).(authInfo)
	return info.claims, ok && info.claims != nil
}

// NewContext returns ctx carrying claims, as Middleware does; it serves
// tests and code that verifies tokens by other means.
func NewContext(ctx context.Context, claims *Claims) context.Context {
	return context.WithValue(ctx, claimsKey{}, authInfo{claims: claims})
}

func realmFrom(ctx context.Context) string {
	info, _ := ctx.Value(claimsKey{}).(authInfo)
	return info.realm
}
