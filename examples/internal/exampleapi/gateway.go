package exampleapi

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/gatehouse/gatehouse/jwtauth"
)

// The gateway's claim headers (internal/gateway's Header… constants).
const (
	headerSubject     = "X-Auth-Subject"
	headerScopes      = "X-Auth-Scopes"
	headerPermissions = "X-Auth-Permissions"
	headerClientID    = "X-Auth-Client-Id"
)

// FromGateway admits requests the gateway authorized: those carrying
// X-Auth-Subject, whose X-Auth-* headers it turns into jwtauth claims.
// Others get 401, as they did not come through an authorizer.
func FromGateway(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sub := r.Header.Get(headerSubject)
		if sub == "" {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("WWW-Authenticate", "Bearer")
			w.WriteHeader(http.StatusUnauthorized)
			json.NewEncoder(w).Encode(map[string]string{"error": "unauthorized",
				"error_description": "this API is served through the gateway's authorizer"})
			return
		}
		c := &jwtauth.Claims{Subject: sub, AuthorizedParty: r.Header.Get(headerClientID),
			Scopes:      strings.Fields(r.Header.Get(headerScopes)),
			Permissions: strings.Fields(r.Header.Get(headerPermissions))}
		next.ServeHTTP(w, r.WithContext(jwtauth.NewContext(r.Context(), c)))
	})
}
