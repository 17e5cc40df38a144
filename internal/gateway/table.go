package gateway

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

// table is one immutable route table: what a Reload swaps.
type table struct {
	cfg     *Config
	mux     *http.ServeMux
	log     *slog.Logger
	metrics *metrics
}

// ServeHTTP strips the claim headers a client may have sent, routes the
// request, and records it in the access log and the metrics, even when
// the proxy aborts a response midway.
func (t *table) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	stripClaimHeaders(r.Header)
	rec := &recorder{ResponseWriter: w}
	defer t.observe(rec, r, start)
	t.mux.ServeHTTP(rec, r)
}

func (t *table) observe(rec *recorder, r *http.Request, start time.Time) {
	d := time.Since(start)
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	route := rec.route
	if route == "" {
		route = unmatched
	}
	code := strconv.Itoa(status)
	t.metrics.requests.WithLabelValues(route, code).Inc()
	t.metrics.duration.WithLabelValues(route).Observe(d.Seconds())
	t.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("route", route),
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.Int("status", status), slog.Int64("bytes", rec.bytes),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
		slog.String("remote", r.RemoteAddr), slog.String("sub", rec.subject))
}

// unmatched labels requests no route took.
const unmatched = "(unmatched)"

// recorder notes what the response was. It is the ResponseWriter every
// handler below the table sees; Unwrap keeps http.ResponseController
// (flushing, deadlines) working through it.
type recorder struct {
	http.ResponseWriter
	status  int
	bytes   int64
	route   string
	subject string
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Flush lets ReverseProxy stream (it asserts http.Flusher on older paths).
func (r *recorder) Flush() { _ = http.NewResponseController(r.ResponseWriter).Flush() }

func notFound(w http.ResponseWriter, _ *http.Request) {
	writeError(w, http.StatusNotFound, "not_found", "no route matches this method and path")
}

// writeError writes the gateway's own JSON errors, shaped like RFC 6750's.
func writeError(w http.ResponseWriter, status int, code, description string) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}{code, description})
}
