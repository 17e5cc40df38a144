package jwtauth_test

import (
	"errors"
	"testing"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

func TestDiscoveryThenCachedKeys(t *testing.T) {
	srv := newServer(t)
	clk := newClock()
	v := newValidator(t, srv, clk, noCache)
	wantFetches(t, srv, 0, 0) // New makes no request
	for range 5 {
		mustValidate(t, v, srv.Token().At(clk.Now()).MustSign())
	}
	wantFetches(t, srv, 1, 1)
}

func TestDiscoveryOverTLS(t *testing.T) {
	srv := jwtauthtest.NewTLSServer()
	t.Cleanup(srv.Close)
	v, err := jwtauth.New(t.Context(), srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, v, srv.Token().MustSign())
}

func TestDiscoveryRefused(t *testing.T) {
	tests := []struct {
		name  string
		tls   bool
		field string
		value any
	}{
		{"issuer differs", false, "issuer", "https://evil.example/"},
		{"issuer lacks the trailing slash", false, "issuer", "ISSUER-NO-SLASH"},
		{"no jwks_uri", false, "jwks_uri", nil},
		{"jwks_uri not a URL", false, "jwks_uri", "::"},
		{"jwks_uri http for an https issuer", true, "jwks_uri", "http://127.0.0.1:1/jwks.json"},
		{"jwks_uri http on a remote host", false, "jwks_uri", "http://keys.example/jwks.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := jwtauthtest.NewServer()
			if tt.tls {
				srv = jwtauthtest.NewTLSServer()
			}
			t.Cleanup(srv.Close)
			if tt.value == "ISSUER-NO-SLASH" {
				tt.value = srv.URL
			}
			srv.SetDiscovery(tt.field, tt.value)
			v := newValidator(t, srv, newClock(), nil)
			_, err := v.Validate(t.Context(), srv.Token().MustSign())
			if !errors.Is(err, jwtauth.ErrKeysUnavailable) {
				t.Fatalf("Validate = %v, want ErrKeysUnavailable", err)
			}
		})
	}
}
