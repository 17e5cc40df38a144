package jwtauthtest

import (
	"encoding/json"
	"maps"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Defaults of the tokens a Builder makes, shaped like Auth0's (contract
// §10.2): a user's access token for one API, valid for an hour.
const (
	DefaultAudience = "https://api.example.com/"
	DefaultSubject  = "auth0|65f1c0ffee0000000000beef"
	DefaultClientID = "k5u3o2fiAA8XweXEEX604KCwCjzjtMU6"
)

// Builder assembles one token. Its methods return the Builder for chaining;
// none of them validates anything, so bad tokens are as easy as good ones.
type Builder struct {
	key     *Key
	claims  map[string]any
	headers map[jose.HeaderKey]any
	payload []byte // overrides claims when set
	alg     jose.SignatureAlgorithm
	embed   bool
}

// NewBuilder starts a token from issuer signed by key, with iss, sub, aud,
// azp, iat (now) and exp (now + 1 h).
func NewBuilder(issuer string, key *Key) *Builder {
	b := &Builder{key: key, alg: key.Algorithm, headers: map[jose.HeaderKey]any{"typ": "JWT"},
		claims: map[string]any{"iss": issuer, "sub": DefaultSubject,
			"aud": DefaultAudience, "azp": DefaultClientID}}
	return b.At(time.Now())
}

// Claim sets any claim; a nil value is encoded as JSON null.
func (b *Builder) Claim(name string, value any) *Builder {
	b.claims[name] = value
	return b
}

// Without removes claims.
func (b *Builder) Without(names ...string) *Builder {
	for _, n := range names {
		delete(b.claims, n)
	}
	return b
}

// Issuer sets iss.
func (b *Builder) Issuer(iss string) *Builder { return b.Claim("iss", iss) }

// Subject sets sub.
func (b *Builder) Subject(sub string) *Builder { return b.Claim("sub", sub) }

// Audience sets aud: a string for one value, an array for several.
func (b *Builder) Audience(aud ...string) *Builder {
	if len(aud) == 1 {
		return b.Claim("aud", aud[0])
	}
	return b.Claim("aud", aud)
}

// Scope sets the space-separated scope claim.
func (b *Builder) Scope(scopes ...string) *Builder {
	return b.Claim("scope", strings.Join(scopes, " "))
}

// Permissions sets Auth0's RBAC permissions claim.
func (b *Builder) Permissions(perms ...string) *Builder { return b.Claim("permissions", perms) }

// ClientCredentials shapes the token as Auth0 issues it to a machine
// client: sub "<id>@clients", azp the client, gty "client-credentials".
func (b *Builder) ClientCredentials(clientID string) *Builder {
	return b.Subject(clientID+"@clients").Claim("azp", clientID).Claim("gty", "client-credentials")
}

// At sets iat to now and exp to an hour later.
func (b *Builder) At(now time.Time) *Builder {
	return b.IssuedAt(now).ExpiresAt(now.Add(time.Hour))
}

// IssuedAt sets iat.
func (b *Builder) IssuedAt(t time.Time) *Builder { return b.Claim("iat", t.Unix()) }

// ExpiresAt sets exp.
func (b *Builder) ExpiresAt(t time.Time) *Builder { return b.Claim("exp", t.Unix()) }

// NotBefore sets nbf.
func (b *Builder) NotBefore(t time.Time) *Builder { return b.Claim("nbf", t.Unix()) }

// Payload replaces the claims with raw bytes, valid JSON or not.
func (b *Builder) Payload(raw []byte) *Builder {
	b.payload = raw
	return b
}

// Header sets a protected header parameter (jku, x5u, x5c, crit, kid, …);
// a nil value removes it.
func (b *Builder) Header(name string, value any) *Builder {
	if value == nil {
		delete(b.headers, jose.HeaderKey(name))
	} else {
		b.headers[jose.HeaderKey(name)] = value
	}
	return b
}

// KeyID overrides the kid header, which defaults to the signing key's ID.
func (b *Builder) KeyID(kid string) *Builder { return b.Header("kid", kid) }

// Type sets the typ header; "" removes it.
func (b *Builder) Type(typ string) *Builder {
	if typ == "" {
		return b.Header("typ", nil)
	}
	return b.Header("typ", typ)
}

// Algorithm overrides the signing algorithm (the key must support it).
func (b *Builder) Algorithm(alg jose.SignatureAlgorithm) *Builder {
	b.alg = alg
	return b
}

// SignedBy signs with another key, for example one the issuer never published.
func (b *Builder) SignedBy(k *Key) *Builder {
	b.key, b.alg = k, k.Algorithm
	return b
}

// EmbedJWK puts the signing key's public JWK in the jwk header, as an
// attacker who hopes it will be trusted does.
func (b *Builder) EmbedJWK() *Builder {
	b.embed = true
	return b
}

func (b *Builder) body() []byte {
	if b.payload != nil {
		return b.payload
	}
	raw, err := json.Marshal(b.claims)
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	return raw
}

// Sign signs the token with go-jose and returns its compact form.
func (b *Builder) Sign() (string, error) {
	opts := &jose.SignerOptions{ExtraHeaders: maps.Clone(b.headers), EmbedJWK: b.embed}
	var key any = jose.JSONWebKey{Key: b.key.Private, KeyID: b.key.ID}
	if b.embed {
		key = b.key.Private
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: b.alg, Key: key}, opts)
	if err != nil {
		return "", err
	}
	obj, err := s.Sign(b.body())
	if err != nil {
		return "", err
	}
	return obj.CompactSerialize()
}

// MustSign is Sign that panics on error.
func (b *Builder) MustSign() string {
	tok, err := b.Sign()
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	return tok
}
