package m2m_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gatehouse/gatehouse/jwtauth/m2m"
)

func newSource(t *testing.T, is *issuer, edit func(*m2m.Config)) *m2m.TokenSource {
	t.Helper()
	c := m2m.Config{TokenURL: is.tokenURL(), ClientID: clientID, ClientSecret: secret,
		Audience: audience, HTTPClient: is.Client()}
	if edit != nil {
		edit(&c)
	}
	ts, err := m2m.New(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func mustToken(t *testing.T, ts oauth2.TokenSource) string {
	t.Helper()
	tok, err := ts.Token()
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	return tok.AccessToken
}

func TestConcurrentCallersShareOneRequest(t *testing.T) {
	is := newIssuer(t)
	is.set(func(is *issuer) { is.delay = 200 * time.Millisecond })
	ts := newSource(t, is, nil)
	var wg sync.WaitGroup
	got := make([]string, 50)
	start := make(chan struct{})
	for i := range got {
		wg.Go(func() {
			<-start
			got[i] = mustToken(t, ts)
		})
	}
	close(start)
	wg.Wait()
	if n := is.requests.Load(); n != 1 {
		t.Fatalf("50 concurrent callers made %d requests, want 1", n)
	}
	for i, tok := range got {
		if tok != "token-1" {
			t.Fatalf("caller %d got %q, want token-1", i, tok)
		}
	}
}

func TestMarginWithFakeClock(t *testing.T) {
	for _, tt := range []struct {
		name    string
		margin  time.Duration
		reuse   time.Duration // how long token-1 is served
		expires int
	}{
		{"default 60 s", 0, 3600*time.Second - m2m.DefaultMargin, 3600},
		{"5 min", 5 * time.Minute, 55 * time.Minute, 3600},
		{"none", -1, time.Hour, 3600},
		{"capped at half a short life", 0, 15 * time.Second, 30},
	} {
		t.Run(tt.name, func(t *testing.T) {
			is := newIssuer(t)
			is.set(func(is *issuer) { is.expiresIn = tt.expires })
			clk := &clock{t: time.Unix(1_700_000_000, 0)}
			ts := newSource(t, is, func(c *m2m.Config) { c.Margin, c.Now = tt.margin, clk.Now })
			tok, err := ts.Token()
			if err != nil || tok.Expiry != clk.Now().Add(time.Duration(tt.expires)*time.Second) {
				t.Fatalf("Token = %+v, %v; want expiry dated from the request", tok, err)
			}
			clk.Advance(tt.reuse - time.Second)
			if got := mustToken(t, ts); got != "token-1" || is.requests.Load() != 1 {
				t.Fatalf("1 s before the margin: %q after %d requests, want token-1 after 1", got, is.requests.Load())
			}
			clk.Advance(time.Second)
			if got := mustToken(t, ts); got != "token-2" || is.requests.Load() != 2 {
				t.Fatalf("at the margin: %q after %d requests, want token-2 after 2", got, is.requests.Load())
			}
		})
	}
}

func TestNeverReturnsAnExpiredToken(t *testing.T) {
	is := newIssuer(t)
	clk := &clock{t: time.Unix(1_700_000_000, 0)}
	ts := newSource(t, is, func(c *m2m.Config) { c.Now = clk.Now })
	mustToken(t, ts)
	is.set(func(is *issuer) { is.failing = true })
	clk.Advance(time.Hour - 30*time.Second) // inside the margin, not expired
	if got := mustToken(t, ts); got != "token-1" || is.requests.Load() != 2 {
		t.Fatalf("failed refresh, unexpired token: got %q after %d requests; want token-1 after a try", got, is.requests.Load())
	}
	clk.Advance(m2m.RetryInterval - time.Second)
	if got := mustToken(t, ts); got != "token-1" || is.requests.Load() != 2 {
		t.Fatalf("within RetryInterval of a failure: %d requests, want no new one (%q)", is.requests.Load(), got)
	}
	clk.Advance(30 * time.Second) // now past expiry
	tok, err := ts.Token()
	if err == nil || tok != nil {
		t.Fatalf("expired token and failing issuer: got %+v, want an error", tok)
	}
	if strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "temporarily_unavailable") {
		t.Fatalf("error %q: want the issuer's error code and never the secret", err)
	}
	is.set(func(is *issuer) { is.failing = false })
	if got := mustToken(t, ts); got != "token-4" {
		t.Fatalf("issuer back: got %q, want token-4", got)
	}
}

func TestRequestParameters(t *testing.T) {
	is := newIssuer(t)
	ts := newSource(t, is, func(c *m2m.Config) { c.Scopes = []string{"read:a", "write:b"} })
	mustToken(t, ts)
	f := is.form()
	if f.Get("audience") != audience || f.Get("scope") != "read:a write:b" || f.Get("client_secret") != secret {
		t.Fatalf("form %v: want audience, scope and client_secret_post", f)
	}
}

func TestWrongSecretIsAnError(t *testing.T) {
	is := newIssuer(t)
	ts := newSource(t, is, func(c *m2m.Config) { c.ClientSecret = "wrong-secret-value" })
	_, err := ts.Token()
	if err == nil || strings.Contains(err.Error(), "wrong-secret-value") || !strings.Contains(err.Error(), "access_denied") {
		t.Fatalf("err = %v; want access_denied without the secret", err)
	}
}

func TestTokenWithoutExpiryIsNotReused(t *testing.T) {
	is := newIssuer(t)
	is.set(func(is *issuer) { is.expiresIn = 0 })
	ts := newSource(t, is, nil)
	if a, b := mustToken(t, ts), mustToken(t, ts); a != "token-1" || b != "token-2" {
		t.Fatalf("got %q then %q; a token of unknown lifetime must not be reused", a, b)
	}
}

func TestInitialTokenIsReused(t *testing.T) {
	is := newIssuer(t)
	clk := &clock{t: time.Unix(1_700_000_000, 0)}
	cached := &oauth2.Token{AccessToken: "from-file", TokenType: "Bearer", Expiry: clk.Now().Add(10 * time.Minute)}
	ts := newSource(t, is, func(c *m2m.Config) { c.Token, c.Now = cached, clk.Now })
	if got := mustToken(t, ts); got != "from-file" || is.requests.Load() != 0 {
		t.Fatalf("got %q after %d requests; want the initial token, no request", got, is.requests.Load())
	}
	clk.Advance(9*time.Minute + time.Second)
	if got := mustToken(t, ts); got != "token-1" {
		t.Fatalf("inside the margin: got %q, want a fetched token", got)
	}
}

// TestOAuth2Client uses the source the way x/oauth2 users do.
func TestOAuth2Client(t *testing.T) {
	is := newIssuer(t)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(r.Header.Get("Authorization")))
	}))
	defer api.Close()
	client := oauth2.NewClient(t.Context(), newSource(t, is, nil))
	for range 3 {
		resp, err := client.Get(api.URL)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 64)
		n, _ := resp.Body.Read(buf)
		resp.Body.Close()
		if got := string(buf[:n]); got != "Bearer token-1" {
			t.Fatalf("API saw %q, want Bearer token-1", got)
		}
	}
	if n := is.requests.Load(); n != 1 {
		t.Fatalf("%d token requests for 3 calls, want 1", n)
	}
}

func TestConfigChecked(t *testing.T) {
	good := m2m.Config{TokenURL: "https://t.example/oauth/token", ClientID: "c", ClientSecret: "s", Audience: "a"}
	for name, edit := range map[string]func(*m2m.Config){
		"no token URL":     func(c *m2m.Config) { c.TokenURL = "" },
		"relative URL":     func(c *m2m.Config) { c.TokenURL = "/oauth/token" },
		"ftp URL":          func(c *m2m.Config) { c.TokenURL = "ftp://t.example/" },
		"no client id":     func(c *m2m.Config) { c.ClientID = "" },
		"no client secret": func(c *m2m.Config) { c.ClientSecret = "" },
		"no audience":      func(c *m2m.Config) { c.Audience = "" },
	} {
		c := good
		edit(&c)
		if _, err := m2m.New(t.Context(), c); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := m2m.New(t.Context(), good); err != nil {
		t.Fatal(err)
	}
}
