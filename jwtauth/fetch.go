package jwtauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Bounds on what an issuer can make us read and keep.
const (
	maxDocumentSize = 256 << 10 // discovery or JWKS body
	defaultKeyTTL   = 10 * time.Minute
	minKeyTTL       = 5 * time.Minute
	maxKeyTTL       = 24 * time.Hour
)

// fetch discovers the JWKS URL if needed, then reads and indexes the keys.
// An empty or unusable set is an error, so the last good keys stay.
func (r *RemoteKeySet) fetch(ctx context.Context) (*keyState, error) {
	if r.jwksURL == "" {
		u, err := r.discover(ctx)
		if err != nil {
			return nil, err
		}
		r.jwksURL = u
	}
	body, header, err := r.get(ctx, r.jwksURL)
	if err != nil {
		return nil, err
	}
	keys, _, err := parseJWKS(body)
	if err != nil {
		return nil, err
	}
	ix := newKeyIndex(keys)
	ttl := cacheTTL(header.Get("Cache-Control"), max(minKeyTTL, r.interval))
	return &keyState{index: ix, freshUntil: r.now().Add(ttl)}, nil
}

// discover reads the OpenID configuration (OIDC Discovery §4) and insists
// that it names the configured issuer exactly (§4.3).
func (r *RemoteKeySet) discover(ctx context.Context) (string, error) {
	u := strings.TrimSuffix(r.issuer, "/") + "/.well-known/openid-configuration"
	body, _, err := r.get(ctx, u)
	if err != nil {
		return "", err
	}
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return "", fmt.Errorf("discovery document: %w", err)
	}
	if doc.Issuer != r.issuer {
		return "", fmt.Errorf("discovery document names issuer %q, want %q", doc.Issuer, r.issuer)
	}
	if err := checkURL("jwks_uri", doc.JWKSURI, issuerIsHTTPS(r.issuer), r.insecure); err != nil {
		return "", err
	}
	return doc.JWKSURI, nil
}

// get fetches a JSON document of bounded size.
func (r *RemoteKeySet) get(ctx context.Context, url string) ([]byte, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDocumentSize+1))
	if err == nil && len(body) > maxDocumentSize {
		err = fmt.Errorf("GET %s: document larger than %d bytes", url, maxDocumentSize)
	}
	return body, resp.Header, err
}

// cacheTTL honours Cache-Control max-age within [floor, maxKeyTTL].
func cacheTTL(cc string, floor time.Duration) time.Duration {
	ttl := defaultKeyTTL
	for d := range strings.SplitSeq(cc, ",") {
		name, val, _ := strings.Cut(strings.TrimSpace(d), "=")
		switch strings.ToLower(name) {
		case "max-age":
			if secs, ok := deltaSeconds(strings.Trim(val, `"`)); ok {
				ttl = time.Duration(min(secs, int64(maxKeyTTL/time.Second))) * time.Second
			}
		case "no-cache", "no-store":
			ttl = 0
		}
	}
	return min(max(ttl, floor), maxKeyTTL)
}

// deltaSeconds parses RFC 9111 §1.2.2 delta-seconds; values too large to
// represent count as very large.
func deltaSeconds(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(s, "-") {
		return math.MaxInt64, true
	}
	return n, err == nil && n >= 0
}
