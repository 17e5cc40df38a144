package server

import (
	"net/http"
)

// jsonFallback answers requests no route matches (404, or 405 with its
// Allow header) with a JSON error body instead of the mux's plain text.
func jsonFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &headerRecorder{header: http.Header{}}
		mux.ServeHTTP(rec, r)
		if allow := rec.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		if rec.status == http.StatusMethodNotAllowed {
			writeError(w, rec.status, "method_not_allowed", r.Method+" is not allowed on "+r.URL.Path+".")
			return
		}
		writeError(w, http.StatusNotFound, "not_found", "No such endpoint.")
	})
}

// headerRecorder keeps the status and headers the mux writes, and drops
// its body.
type headerRecorder struct {
	header http.Header
	status int
}

func (h *headerRecorder) Header() http.Header         { return h.header }
func (h *headerRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (h *headerRecorder) WriteHeader(code int)        { h.status = code }
