package m2m_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	clientID = "m2m-client"
	secret   = "s3cret-never-logged"
	audience = "https://api.example.com/"
)

// issuer is a token endpoint shaped like Gatehouse's and Auth0's: it
// grants client_credentials to one client for one audience, numbers the
// tokens it issues and counts the requests.
type issuer struct {
	*httptest.Server
	requests atomic.Int64

	mu        sync.Mutex
	expiresIn int
	delay     time.Duration
	failing   bool
	lastForm  url.Values
}

func newIssuer(t *testing.T) *issuer {
	t.Helper()
	is := &issuer{expiresIn: 3600}
	is.Server = httptest.NewTLSServer(http.HandlerFunc(is.token))
	t.Cleanup(is.Close)
	return is
}

func (is *issuer) tokenURL() string { return is.URL + "/oauth/token" }

func (is *issuer) set(f func(is *issuer)) {
	is.mu.Lock()
	defer is.mu.Unlock()
	f(is)
}

func (is *issuer) form() url.Values {
	is.mu.Lock()
	defer is.mu.Unlock()
	return is.lastForm
}

func (is *issuer) token(w http.ResponseWriter, r *http.Request) {
	n := is.requests.Add(1)
	is.mu.Lock()
	delay, failing, exp := is.delay, is.failing, is.expiresIn
	is.mu.Unlock()
	time.Sleep(delay)
	if err := r.ParseForm(); err != nil || r.URL.Path != "/oauth/token" || r.Method != http.MethodPost {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	is.mu.Lock()
	is.lastForm = r.PostForm
	is.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case failing:
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"error":"temporarily_unavailable","error_description":"down"}`)
	case r.PostForm.Get("grant_type") != "client_credentials" || r.PostForm.Get("client_id") != clientID ||
		r.PostForm.Get("client_secret") != secret:
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"access_denied","error_description":"Unauthorized"}`)
	case r.PostForm.Get("audience") != audience:
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"error":"access_denied","error_description":"Service not enabled within domain"}`)
	default:
		body := map[string]any{"access_token": fmt.Sprintf("token-%d", n), "token_type": "Bearer"}
		if exp > 0 {
			body["expires_in"] = exp
		}
		json.NewEncoder(w).Encode(body)
	}
}

// clock is a settable clock for Config.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
