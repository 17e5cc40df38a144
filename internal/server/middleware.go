package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// maxBody bounds every request body; the Authentication API's bodies are
// small, and Auth0 itself caps Management API payloads at 1 MB.
const maxBody = 64 << 10

// statusWriter records the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// requestID gives every request an id, shared by its log lines, its error
// bodies' logs and handlers (which read the X-Request-Id request header).
// An inbound id is kept only if it looks like one of ours, so a client
// cannot inject arbitrary text into the logs.
func requestID(r *http.Request) string {
	id := r.Header.Get("X-Request-Id")
	if len(id) != 24 || !isHex(id) {
		id = idp.RandomHex(12)
		r.Header.Set("X-Request-Id", id)
	}
	return id
}

func isHex(s string) bool {
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// common wraps h with the middleware every route gets, outermost first.
func common(h http.Handler, log *slog.Logger, m *metrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestID(r)
		w.Header().Set("X-Request-Id", id)
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic", "request_id", id, "panic", p)
				if sw.status == 0 {
					writeError(sw, http.StatusInternalServerError, "server_error", "Internal error.")
				}
			}
			elapsed := time.Since(start)
			m.observe(r, sw.status, elapsed)
			log.Info("request", "request_id", id, "method", r.Method, "path", r.URL.Path,
				"status", sw.status, "duration_ms", float64(elapsed.Microseconds())/1000,
				"remote", r.RemoteAddr)
		}()
		h.ServeHTTP(sw, r)
	})
}

// writeError writes an OAuth-shaped JSON error for routes no feature owns.
func writeError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}
