package server

import (
	"context"
	"net/http"
	"time"
)

// Checker reports whether a dependency is ready; nil means ready.
type Checker func(ctx context.Context) error

func healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"status":"ok"}` + "\n"))
}

func readyz(checks map[string]Checker) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		for name, check := range checks {
			if err := check(ctx); err != nil {
				writeError(w, http.StatusServiceUnavailable, "not_ready", name+" is not ready")
				return
			}
		}
		healthz(w, r)
	}
}
