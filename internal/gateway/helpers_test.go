package gateway_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/internal/gateway"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// echo is an upstream that answers with what it received.
type echo struct {
	*httptest.Server
	mu    sync.Mutex
	delay time.Duration
}

// echoed is the upstream's view of one request.
type echoed struct {
	Method string      `json:"method"`
	Path   string      `json:"path"`
	Query  string      `json:"query"`
	Host   string      `json:"host"`
	Header http.Header `json:"header"`
}

func newEcho(t testing.TB) *echo {
	e := &echo{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		d := e.delay
		e.mu.Unlock()
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(echoed{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Host, r.Header})
	}))
	t.Cleanup(e.Close)
	return e
}

func (e *echo) setDelay(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.delay = d
}

// rig is a gateway in front of an echo upstream, with a token issuer.
type rig struct {
	t      testing.TB
	issuer *jwtauthtest.Server
	up     *echo
	gw     *gateway.Gateway
	srv    *httptest.Server
	reg    *prometheus.Registry
	logs   *syncBuffer
}

// newRig parses yaml after replacing ISSUER and UPSTREAM, and serves it.
func newRig(t testing.TB, yaml string) *rig {
	t.Helper()
	r := &rig{t: t, issuer: jwtauthtest.NewServer(), up: newEcho(t), reg: prometheus.NewRegistry(), logs: &syncBuffer{}}
	t.Cleanup(r.issuer.Close)
	cfg := r.parse(yaml)
	gw, err := gateway.New(t.Context(), cfg, gateway.Options{Registry: r.reg,
		Log: slog.New(slog.NewJSONHandler(r.logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	r.gw = gw
	r.srv = httptest.NewServer(gw)
	t.Cleanup(r.srv.Close)
	return r
}

func (r *rig) parse(yaml string) *gateway.Config {
	r.t.Helper()
	yaml = strings.NewReplacer("ISSUER", r.issuer.Issuer(), "UPSTREAM", r.up.URL).Replace(yaml)
	cfg, err := gateway.Parse("gateway.yaml", []byte(yaml))
	if err != nil {
		r.t.Fatalf("Parse: %v", err)
	}
	return cfg
}

// token signs a token for the default audience with scopes.
func (r *rig) token(scopes ...string) string {
	return r.issuer.Token().Scope(scopes...).MustSign()
}

// reply is a gateway response.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (p reply) String() string { return fmt.Sprintf("%d %s", p.status, bytes.TrimSpace(p.body)) }

// echoed decodes the upstream's view; it fails unless the request got there.
func (p reply) echoed(t testing.TB) echoed {
	t.Helper()
	var e echoed
	if p.status != http.StatusOK || json.Unmarshal(p.body, &e) != nil {
		t.Fatalf("want the upstream's echo, got %s", p)
	}
	return e
}

// errorCode returns the error field of a JSON error body.
func (p reply) errorCode() string {
	var e struct {
		Error string `json:"error"`
	}
	json.Unmarshal(p.body, &e)
	return e.Error
}

func (r *rig) do(method, path, token string, headers ...string) reply {
	r.t.Helper()
	req, err := http.NewRequest(method, r.srv.URL+path, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	resp, err := r.srv.Client().Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, body}
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
