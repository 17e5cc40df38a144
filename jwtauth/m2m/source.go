package m2m

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Defaults applied to zero Config fields.
const (
	// DefaultMargin is how long before its expiry a token is replaced.
	DefaultMargin = 60 * time.Second
	// RetryInterval is the least time between two failed refreshes while
	// the current token is still unexpired.
	RetryInterval = 5 * time.Second
	// maxLifetime bounds the expires_in believed: a year.
	maxLifetime = 365 * 24 * time.Hour
	// fetchTimeout bounds one token request with the default HTTP client.
	fetchTimeout = 30 * time.Second
)

// Config says which token to get and from where.
type Config struct {
	// TokenURL is the token endpoint, e.g. https://tenant.example/oauth/token.
	TokenURL string
	// ClientID and ClientSecret authenticate the machine client.
	ClientID, ClientSecret string
	// Audience is the API identifier the token is for; Auth0 requires it.
	Audience string
	// Scopes narrows the token to these scopes; empty asks for all granted.
	Scopes []string
	// AuthStyle is how the client authenticates; the zero value means
	// oauth2.AuthStyleInParams (client_secret_post).
	AuthStyle oauth2.AuthStyle
	// HTTPClient makes the requests; default one with a 30 s timeout.
	HTTPClient *http.Client
	// Margin is how long before expiry a token is replaced: 0 means
	// DefaultMargin, a negative value means at expiry. It is capped at
	// half the token's lifetime so short-lived tokens are still reused.
	Margin time.Duration
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Token is a token obtained earlier (for example read from a file
	// cache); it is used while fresh instead of making a request.
	Token *oauth2.Token
}

// TokenSource is an oauth2.TokenSource for the client credentials grant
// that caches its token and refreshes it once for concurrent callers. It is
// safe for concurrent use.
type TokenSource struct {
	cc     *clientcredentials.Config
	ctx    context.Context
	margin time.Duration
	now    func() time.Time

	mu       sync.Mutex
	cur      *entry // nil until a token is had
	inflight *call
	lastFail time.Time
}

// entry is a token with the times, on our clock, that govern its reuse.
type entry struct {
	tok    *oauth2.Token
	fresh  time.Time // reuse until then
	expiry time.Time // never return it after then
}

// call is a token request in progress that callers wait on.
type call struct {
	done chan struct{}
	tok  *oauth2.Token
	err  error
}

var _ oauth2.TokenSource = (*TokenSource)(nil)

// New checks c and returns a TokenSource. It makes no request; the first
// call to Token does. ctx carries the requests (and may hold an
// oauth2.HTTPClient); it must outlive the TokenSource.
func New(ctx context.Context, c Config) (*TokenSource, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	s := &TokenSource{ctx: ctx, margin: c.Margin, now: c.Now, cc: &clientcredentials.Config{
		ClientID: c.ClientID, ClientSecret: c.ClientSecret, TokenURL: c.TokenURL,
		Scopes: c.Scopes, AuthStyle: c.AuthStyle,
		EndpointParams: url.Values{"audience": {c.Audience}},
	}}
	if s.cc.AuthStyle == oauth2.AuthStyleAutoDetect {
		s.cc.AuthStyle = oauth2.AuthStyleInParams
	}
	switch {
	case s.margin == 0:
		s.margin = DefaultMargin
	case s.margin < 0:
		s.margin = 0
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.ctx = context.WithValue(ctx, oauth2.HTTPClient, httpClient(c.HTTPClient))
	if c.Token != nil && !c.Token.Expiry.IsZero() && c.Token.AccessToken != "" {
		s.cur = &entry{tok: c.Token, expiry: c.Token.Expiry, fresh: c.Token.Expiry.Add(-s.margin)}
	}
	return s, nil
}

func (c *Config) check() error {
	u, err := url.Parse(c.TokenURL)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		return fmt.Errorf("m2m: TokenURL %q is not an absolute http(s) URL", c.TokenURL)
	case c.ClientID == "" || c.ClientSecret == "":
		return errors.New("m2m: ClientID and ClientSecret are required")
	case c.Audience == "":
		return errors.New("m2m: Audience is required")
	}
	return nil
}

func httpClient(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: fetchTimeout}
}
