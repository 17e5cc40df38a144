package main

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/oauth"
	"github.com/gatehouse/gatehouse/jwtauth/m2m"
)

const tokenSummary = `Prints an access token for an API.

Without --client-secret it mints a test token offline, like the Auth0 dashboard's
Test tab: the token a client_credentials request by the application would get (its
client grant decides the scopes), signed with the server's current key read from
the data directory.

With --client-id and --client-secret it asks the issuer's /oauth/token over HTTPS
(client credentials, with the audience), as a machine client would, and caches the
token under the user's cache directory (gatehouse/tokens/, mode 0600), printing the
cached one until it is within 60 seconds of expiry.`

func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := newFlagSet("token --audience API [flags]", tokenSummary, stderr)
	o.storeFlags(fs)
	fs.StringVar(&o.issuer, "issuer", envDefault("ISSUER", "https://localhost:8443/"),
		"the server's issuer, the token's iss (GATEHOUSE_ISSUER)")
	audience := fs.String("audience", "", "the API identifier (required)")
	client := fs.String("client", "", "application name or client_id; default: the first with a client grant for the API")
	scope := fs.String("scope", "", "space-separated scopes to narrow to; default: all granted")
	var rf remoteFlags
	fs.StringVar(&rf.clientID, "client-id", "", "client id of the machine client; with --client-secret, fetch from the issuer")
	fs.StringVar(&rf.secret, "client-secret", envDefault("CLIENT_SECRET", ""),
		"client secret; when set, the token is fetched from the issuer and cached (GATEHOUSE_CLIENT_SECRET)")
	fs.StringVar(&rf.caFile, "cacert", "", "PEM CA bundle to trust for the issuer, e.g. DATA/tls/ca.pem of gatehouse dev")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *audience == "" {
		fs.Usage()
		return errors.New("--audience is required")
	}
	if rf.secret != "" {
		rf.issuer, rf.audience, rf.scope = o.issuer, *audience, *scope
		return fetchToken(ctx, rf, stdout)
	}
	if rf.clientID != "" || rf.caFile != "" {
		return errors.New("--client-id and --cacert fetch from the issuer and need --client-secret; to mint offline, use --client")
	}
	o.listen = "127.0.0.1:8443"
	if err := o.normalizeIssuer(); err != nil {
		return err
	}
	m, st, err := openKeys(ctx, &o, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	clientID, err := pickClient(ctx, st, *client, *audience)
	if err != nil {
		return err
	}
	h := &oauth.Handler{Store: st, Keys: m, Issuer: o.issuer, Now: time.Now}
	tok, _, err := h.TestToken(ctx, clientID, *audience, *scope)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, tok)
	return nil
}

// pickClient resolves --client (a name or an id), or finds a client with
// a grant for the audience.
func pickClient(ctx context.Context, st idp.Store, client, audience string) (string, error) {
	if client != "" {
		if c, err := st.GetClientByName(ctx, client); err == nil {
			return c.ID, nil
		}
		return client, nil
	}
	grants, err := st.ListClientGrants(ctx)
	if err != nil {
		return "", err
	}
	for _, g := range grants {
		if g.Audience == audience {
			return g.ClientID, nil
		}
	}
	return "", fmt.Errorf("no application has a client grant for %q; pass --client", audience)
}

// remoteFlags are the settings of a token fetched from the issuer.
type remoteFlags struct {
	issuer, clientID, secret, audience, scope, caFile string
}

// fetchToken prints a client-credentials token from the issuer, reusing
// the one cached in a file until it nears expiry (seed 001: Auth0 counts
// tokens issued, so machine clients reuse them).
func fetchToken(ctx context.Context, f remoteFlags, stdout io.Writer) error {
	issuer, err := httpsIssuer(f.issuer)
	if err != nil {
		return err
	}
	if f.clientID == "" {
		return errors.New("--client-id is required with --client-secret")
	}
	client, err := caClient(f.caFile)
	if err != nil {
		return err
	}
	path, err := tokenCachePath(issuer, f.clientID, f.audience, f.scope)
	if err != nil {
		return err
	}
	cached := readCachedToken(path)
	ts, err := m2m.New(ctx, m2m.Config{TokenURL: issuer + "oauth/token", ClientID: f.clientID,
		ClientSecret: f.secret, Audience: f.audience, Scopes: strings.Fields(f.scope),
		HTTPClient: client, Token: cached})
	if err != nil {
		return err
	}
	tok, err := ts.Token()
	if err != nil {
		return err
	}
	if cached == nil || tok.AccessToken != cached.AccessToken {
		if err := writeCachedToken(path, tok); err != nil {
			return fmt.Errorf("caching the token: %w", err)
		}
	}
	fmt.Fprintln(stdout, tok.AccessToken)
	return nil
}

// httpsIssuer checks the issuer and gives it its trailing slash.
func httpsIssuer(issuer string) (string, error) {
	u, err := url.Parse(issuer)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("--issuer %q: want an https:// URL with a host and no query", issuer)
	}
	if !strings.HasSuffix(issuer, "/") {
		issuer += "/"
	}
	return issuer, nil
}

// caClient trusts caFile besides the system roots; "" means the system's.
func caClient(caFile string) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, err
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--cacert %s holds no PEM certificate", caFile)
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}, nil
}

// tokenCachePath is UserCacheDir/gatehouse/tokens/<sha256>.json, the hash
// of issuer, client, audience and scope, so no name leaks into the path.
func tokenCachePath(issuer, clientID, audience, scope string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(issuer + "\n" + clientID + "\n" + audience + "\n" + scope))
	return filepath.Join(dir, "gatehouse", "tokens", hex.EncodeToString(sum[:])+".json"), nil
}

// readCachedToken returns the cached token, or nil when there is none
// usable: missing, unreadable, not a private regular file, or not JSON.
func readCachedToken(path string) *oauth2.Token {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o077 != 0 {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var tok oauth2.Token
	if json.Unmarshal(b, &tok) != nil || tok.AccessToken == "" {
		return nil
	}
	return &tok
}

// writeCachedToken replaces the cache file atomically, mode 0600.
func writeCachedToken(path string, tok *oauth2.Token) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.Marshal(tok)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".token-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
