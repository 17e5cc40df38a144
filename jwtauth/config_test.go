package jwtauth_test

import (
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

func TestConfigRefused(t *testing.T) {
	ok := jwtauth.Config{Issuer: "https://tenant.example/", Audiences: []string{"api"}}
	oct := `{"kty":"oct","kid":"h","k":"` + strings.Repeat("A", 43) + `"}`
	ec := jwkJSON(t, jwtauthtest.NewECKey("e").JWK())
	tests := []struct {
		name string
		edit func(*jwtauth.Config)
		want string
	}{
		{"no issuer", func(c *jwtauth.Config) { c.Issuer = "" }, "Issuer is required"},
		{"relative issuer", func(c *jwtauth.Config) { c.Issuer = "tenant.example" }, "absolute URL"},
		{"issuer with a query", func(c *jwtauth.Config) { c.Issuer = "https://t.example/?x=1" }, "absolute URL"},
		{"http issuer on a remote host", func(c *jwtauth.Config) { c.Issuer = "http://tenant.example/" }, "loopback"},
		{"ftp issuer", func(c *jwtauth.Config) { c.Issuer = "ftp://tenant.example/" }, "https"},
		{"no audience", func(c *jwtauth.Config) { c.Audiences = nil }, "Audiences is required"},
		{"empty audience", func(c *jwtauth.Config) { c.Audiences = []string{""} }, "empty"},
		{"alg none", func(c *jwtauth.Config) { c.Algorithms = []string{"none"} }, "not allowed"},
		{"alg HS256", func(c *jwtauth.Config) { c.Algorithms = []string{"RS256", "HS256"} }, "not allowed"},
		{"leeway too large", func(c *jwtauth.Config) { c.Leeway = time.Hour }, "Leeway"},
		{"negative interval", func(c *jwtauth.Config) { c.RefetchInterval = -time.Second }, "RefetchInterval"},
		{"http JWKS for an https issuer", func(c *jwtauth.Config) { c.JWKSURL = "http://127.0.0.1/jwks.json" }, "https"},
		{"two key sources", func(c *jwtauth.Config) {
			c.JWKSURL = "https://tenant.example/.well-known/jwks.json"
			c.StaticJWKS = jwtauthtest.JWKS(jwtauthtest.NewECKey("e"))
		}, "at most one"},
		{"HMAC static key", func(c *jwtauth.Config) { c.StaticJWKS = []byte(`{"keys":[` + oct + `]}`) }, "no usable signing key"},
		{"HMAC beside a good static key", func(c *jwtauth.Config) {
			c.StaticJWKS = []byte(`{"keys":[` + oct + `,` + ec + `]}`)
		}, "StaticJWKS"},
		{"static JWKS not JSON", func(c *jwtauth.Config) { c.StaticJWKS = []byte("<html>") }, "JWKS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			_, err := jwtauth.New(t.Context(), c)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New = %v, want an error about %q", err, tt.want)
			}
		})
	}
}

func TestConfigAccepted(t *testing.T) {
	tests := map[string]jwtauth.Config{
		"discovery":          {Issuer: "https://tenant.example/", Audiences: []string{"api"}},
		"explicit JWKS":      {Issuer: "https://tenant.example/", Audiences: []string{"api"}, JWKSURL: "https://tenant.example/.well-known/jwks.json"},
		"loopback http":      {Issuer: "http://localhost:8080/", Audiences: []string{"api"}},
		"insecure http":      {Issuer: "http://gatehouse:8080/", Audiences: []string{"api"}, InsecureAllowHTTP: true},
		"all algorithms":     {Issuer: "https://t.example/", Audiences: []string{"a"}, Algorithms: []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}},
		"no leeway":          {Issuer: "https://t.example/", Audiences: []string{"a"}, Leeway: -1},
		"private static key": {Issuer: "https://t.example/", Audiences: []string{"a"}, StaticJWKS: privateJWKS(t)},
	}
	for name, c := range tests {
		if _, err := jwtauth.New(t.Context(), c); err != nil {
			t.Errorf("%s: New = %v", name, err)
		}
	}
}

func privateJWKS(t *testing.T) []byte {
	return jwksOf(t, jose.JSONWebKey{Key: jwtauthtest.NewRSAKey("r").Private, KeyID: "r"})
}

// TestNoLeeway: with a negative Leeway a token one second past exp fails.
func TestNoLeeway(t *testing.T) {
	srv := newServer(t)
	clk := newClock()
	v := newValidator(t, srv, clk, func(c *jwtauth.Config) { c.Leeway = -1 })
	token := srv.Token().IssuedAt(clk.Now()).ExpiresAt(clk.Now().Add(time.Second)).MustSign()
	mustValidate(t, v, token)
	clk.Advance(time.Second)
	if _, err := v.Validate(t.Context(), token); err == nil {
		t.Fatal("an expired token passed with no leeway")
	}
}
