// Command publicprivate is seed 004's FastAPI sample in Go: a public
// endpoint, a private one that needs a valid token, and a scoped one that
// needs read:messages, for the API https://fastapiexample.com. It checks
// tokens itself with jwtauth, or runs behind `gatehouse gateway`
// (--behind-gateway). Quickstart in ../README.md.
//
//	GET /api/public          no token needed
//	GET /api/private         a valid token; answers with its claims
//	GET /api/private-scoped  a valid token with read:messages
package main

import (
	"encoding/json"
	"net/http"

	"github.com/gatehouse/gatehouse/examples/internal/exampleapi"
	"github.com/gatehouse/gatehouse/jwtauth"
)

func main() {
	f := exampleapi.Parse("https://fastapiexample.com", "127.0.0.1:8000")
	exampleapi.Main("public/private API", f, routes)
}

// routes guards all but the public endpoint.
func routes(guard func(http.Handler) http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/public", public)
	mux.Handle("GET /api/private", guard(http.HandlerFunc(private)))
	mux.Handle("GET /api/private-scoped", guard(jwtauth.RequireScopes("read:messages")(http.HandlerFunc(private))))
	return mux
}

func public(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]string{"status": "success",
		"msg": "Hello from a public endpoint! You don't need to be authenticated to see this."})
}

// private answers with the token's claims, as the seed's endpoints return
// the verified payload: all of it when jwtauth verified the token, the
// claims the gateway passes when it did.
func private(w http.ResponseWriter, r *http.Request) {
	c, _ := jwtauth.ClaimsFrom(r.Context())
	var payload map[string]any
	if c.Decode(&payload) != nil {
		payload = map[string]any{"sub": c.Subject, "azp": c.AuthorizedParty,
			"scope": c.Scopes, "permissions": c.Permissions}
	}
	writeJSON(w, payload)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
