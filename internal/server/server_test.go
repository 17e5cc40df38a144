package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/keys"
	"github.com/gatehouse/gatehouse/internal/sqlite"
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

func TestNewWithoutRegistry(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, _ := keys.NewCipher([]byte("a master secret of thirty-two bytes!"))
	k := keys.NewManager(st, c, "localhost", time.Now, nil)
	if err := k.Load(ctx); err != nil {
		t.Fatal(err)
	}
	h := New(Deps{Issuer: "https://localhost/", Store: st, Keys: k,
		Users: authn.New(st, authn.Options{}), Secrets: idp.NewSecretHasher([]byte("k")),
		Log: slog.New(slog.DiscardHandler)})
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 404} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != want {
			t.Errorf("GET %s: %d, want %d", path, w.Code, want)
		}
	}
}
