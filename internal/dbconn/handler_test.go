package dbconn

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

const client = "client-enabled"

// env is the handler over a real SQLite store, served on loopback.
type env struct {
	t     *testing.T
	store idp.Store
	srv   *httptest.Server

	mu    sync.Mutex
	mails []authn.Message
}

func newEnv(t *testing.T, opts ...func(*authn.Options)) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, store: st}
	o := authn.Options{Issuer: "https://gatehouse.test/", ResetKey: []byte("0123456789abcdef0123456789abcdef"),
		Mailer: authn.MailerFunc(func(_ context.Context, m authn.Message) error {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.mails = append(e.mails, m)
			return nil
		})}
	for _, f := range opts {
		f(&o)
	}
	mux := http.NewServeMux()
	(&Handler{Store: st, Users: authn.New(st, o)}).Mount(mux)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	e.connection(idp.DefaultConnection, idp.ConnectionOptions{PasswordPolicy: "good", BruteForceProtection: true})
	e.connection("usernames", idp.ConnectionOptions{RequiresUsername: true, UsernameMin: 1, UsernameMax: 15})
	e.connection("closed", idp.ConnectionOptions{DisableSignup: true})
	return e
}

func (e *env) connection(name string, o idp.ConnectionOptions) {
	e.t.Helper()
	err := e.store.CreateConnection(context.Background(), idp.Connection{ID: idp.NewConnectionID(),
		Name: name, Strategy: "auth0", EnabledClients: []string{client}, Options: o})
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) sent() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.mails)
}

// response is what a test looks at.
type response struct {
	status int
	ctype  string
	header http.Header
	body   string
}

func (e *env) post(path, ctype, body string) response {
	e.t.Helper()
	res, err := http.Post(e.srv.URL+path, ctype, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header.Get("Content-Type"), res.Header, string(b)}
}

func (e *env) postJSON(path string, v any) response {
	e.t.Helper()
	b, _ := json.Marshal(v)
	return e.post(path, "application/json", string(b))
}

func signupBody(extra map[string]any) map[string]any {
	m := map[string]any{"client_id": client, "connection": idp.DefaultConnection,
		"email": "ana@example.com", "password": "Correct-Horse-1"}
	for k, v := range extra {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}

// familyB decodes a family-B error body and checks its status field.
func familyB(t *testing.T, r response, status int, code string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	if r.status != status || m["code"] != code || m["statusCode"] != float64(status) ||
		m["name"] == "" || m["description"] == "" || r.ctype != "application/json; charset=utf-8" {
		t.Fatalf("got %d %s, want %d with code %q", r.status, r.body, status, code)
	}
	return m
}

func form(v map[string]string) string {
	q := url.Values{}
	for k, s := range v {
		q.Set(k, s)
	}
	return q.Encode()
}
