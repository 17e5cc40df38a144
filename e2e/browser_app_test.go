package e2e

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
)

// appFiles maps the app's paths to the files behind them: the test pages
// and the SDKs' browser builds, served as installed by npm.
var appFiles = map[string]string{
	"/spa.html":            "testdata/app/spa.html",
	"/auth0-js.html":       "testdata/app/auth0-js.html",
	"/callback/":           "testdata/app/callback.html", // seed 002's callback URL
	"/rwa/callback":        "testdata/app/rwa-callback.html",
	"/sdk/auth0-spa-js.js": "node/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js",
	"/sdk/auth0.js":        "node/node_modules/auth0-js/dist/auth0.min.js",
}

// serveApp runs the app on l, on loopback only, until the process exits.
func serveApp(l net.Listener, b *browserEnv) {
	mux := http.NewServeMux()
	for path, file := range appFiles {
		mux.HandleFunc("GET "+exact(path), serveFile(file))
	}
	mux.HandleFunc("GET /config.js", serveConfig(b))
	http.Serve(l, noStore(mux))
}

// exact makes a pattern that ends in a slash match only that path.
func exact(path string) string {
	if strings.HasSuffix(path, "/") {
		return path + "{$}"
	}
	return path
}

func serveFile(file string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.FromSlash(file))
	}
}

// serveConfig gives the pages what they would otherwise hard-code.
func serveConfig(b *browserEnv) http.HandlerFunc {
	cfg, _ := json.Marshal(map[string]string{
		"domain": b.srv.Domain, "spaClientId": b.spa.ID, "audience": b.api,
		"fruitAudience": b.fruit, "app": b.app,
	})
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		fmt.Fprintf(w, "window.E2E = %s;\n", cfg)
	}
}

// noStore keeps the browser from caching pages between scenarios.
func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}
