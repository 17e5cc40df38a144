package jwtauth

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	josejson "github.com/go-jose/go-jose/v4/json"
	"github.com/go-jose/go-jose/v4/jwt"
)

// Claims are the verified claims of an access token. Validate may return
// the same *Claims for repeated tokens: treat it as read-only.
type Claims struct {
	Issuer    string
	Subject   string
	Audience  []string
	Expiry    time.Time
	IssuedAt  time.Time // zero when the token has no iat
	NotBefore time.Time // zero when the token has no nbf
	ID        string    // jti, if any
	// Scopes is the space-separated scope claim, split.
	Scopes []string
	// Permissions is Auth0's RBAC permissions claim.
	Permissions []string
	// AuthorizedParty is azp (Auth0 profile) or client_id (RFC 9068).
	AuthorizedParty string
	// GrantType is Auth0's gty, e.g. "client-credentials".
	GrantType string

	raw []byte
}

// Decode unmarshals the full claim set, custom claims included, into v.
func (c *Claims) Decode(v any) error { return json.Unmarshal(c.raw, v) }

// HasScope reports whether the token grants scope s.
func (c *Claims) HasScope(s string) bool { return slices.Contains(c.Scopes, s) }

// HasPermission reports whether the token carries permission p.
func (c *Claims) HasPermission(p string) bool { return slices.Contains(c.Permissions, p) }

// wireClaims is the payload as read. go-jose's JSON decoder matches names
// case-sensitively, so "EXP" cannot stand in for "exp".
type wireClaims struct {
	Iss         string           `json:"iss"`
	Sub         string           `json:"sub"`
	Aud         jwt.Audience     `json:"aud"`
	Exp         *jwt.NumericDate `json:"exp"`
	Nbf         *jwt.NumericDate `json:"nbf"`
	Iat         *jwt.NumericDate `json:"iat"`
	Jti         string           `json:"jti"`
	Scope       string           `json:"scope"`
	Permissions []string         `json:"permissions"`
	Azp         string           `json:"azp"`
	ClientID    string           `json:"client_id"`
	Gty         string           `json:"gty"`
	// Present only in ID tokens (OIDC Core §2, §3.1.3.6).
	Nonce  josejson.RawMessage `json:"nonce"`
	AtHash josejson.RawMessage `json:"at_hash"`
}

func parseClaims(payload []byte) (*wireClaims, error) {
	var w wireClaims
	if err := josejson.Unmarshal(payload, &w); err != nil {
		return nil, invalid("claims are not a valid JSON object")
	}
	return &w, nil
}

func (w *wireClaims) claims(raw []byte) *Claims {
	c := &Claims{Issuer: w.Iss, Subject: w.Sub, Audience: w.Aud, Expiry: w.Exp.Time(),
		ID: w.Jti, Scopes: strings.Fields(w.Scope), Permissions: w.Permissions,
		AuthorizedParty: w.Azp, GrantType: w.Gty, raw: raw}
	if c.AuthorizedParty == "" {
		c.AuthorizedParty = w.ClientID
	}
	if w.Iat != nil {
		c.IssuedAt = w.Iat.Time()
	}
	if w.Nbf != nil {
		c.NotBefore = w.Nbf.Time()
	}
	return c
}
