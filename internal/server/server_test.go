package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestJSONFallback(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	h := jsonFallback(mux)
	tests := []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"POST", "/oauth/token", 200, "", ""},
		{"GET", "/oauth/token", 405, "method_not_allowed", "POST"},
		{"GET", "/nope", 404, "not_found", ""},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.path, nil))
		if w.Code != tt.status || w.Header().Get("Allow") != tt.allow {
			t.Errorf("%s %s: %d allow %q, want %d %q", tt.method, tt.path, w.Code, w.Header().Get("Allow"), tt.status, tt.allow)
		}
		var body map[string]string
		if tt.code != "" && (json.Unmarshal(w.Body.Bytes(), &body) != nil || body["error"] != tt.code) {
			t.Errorf("%s %s: body %q, want error %q", tt.method, tt.path, w.Body, tt.code)
		}
	}
}
