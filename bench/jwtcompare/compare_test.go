package jwtcompare_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	jwtmiddleware "github.com/auth0/go-jwt-middleware/v2"
	"github.com/auth0/go-jwt-middleware/v2/jwks"
	"github.com/auth0/go-jwt-middleware/v2/validator"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// validate is one library's token check, reduced to its verdict.
type validate func(ctx context.Context, token string) error

// contenders returns both validators for srv, each with its keys warm.
func contenders(b *testing.B, srv *jwtauthtest.Server) map[string]validate {
	v, err := jwtauth.New(b.Context(), srv.Config())
	if err != nil {
		b.Fatal(err)
	}
	issuer, _ := url.Parse(srv.Issuer())
	provider := jwks.NewCachingProvider(issuer, 5*time.Minute, jwks.WithCustomClient(srv.Client()))
	gjm, err := validator.New(provider.KeyFunc, validator.RS256, srv.Issuer(),
		[]string{jwtauthtest.DefaultAudience}, validator.WithAllowedClockSkew(30*time.Second))
	if err != nil {
		b.Fatal(err)
	}
	all := map[string]validate{
		"jwtauth": func(ctx context.Context, t string) error { _, err := v.Validate(ctx, t); return err },
		"go-jwt-middleware": func(ctx context.Context, t string) error {
			_, err := gjm.ValidateToken(ctx, t)
			return err
		},
	}
	for name, f := range all {
		if err := f(b.Context(), token(srv, -1)); err != nil {
			b.Fatalf("%s refuses a good token: %v", name, err)
		}
	}
	return all
}

// token is an Auth0-shaped user access token (about 800 bytes), the same
// shape jwtauth's own benchmarks use.
func token(srv *jwtauthtest.Server, n int) string {
	return srv.Token().Audience(jwtauthtest.DefaultAudience, srv.Issuer()+"userinfo").
		Scope("openid", "profile", "email", "read:messages", "write:messages").
		Permissions("read:messages", "write:messages").Claim("n", n).MustSign()
}

func BenchmarkRepeatToken(b *testing.B) {
	srv := jwtauthtest.NewServer()
	defer srv.Close()
	tok := token(srv, 0)
	for name, f := range contenders(b, srv) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f(b.Context(), tok); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFirstSeen(b *testing.B) {
	srv := jwtauthtest.NewServer()
	defer srv.Close()
	tokens := make([]string, 512)
	for i := range tokens {
		tokens[i] = token(srv, i)
	}
	for name := range contenders(b, srv) {
		b.Run(name, func(b *testing.B) {
			var f validate
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%len(tokens) == 0 { // a fresh validator: every token is new to it
					b.StopTimer()
					f = contenders(b, srv)[name]
					b.StartTimer()
				}
				if err := f(b.Context(), tokens[i%len(tokens)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRawRS256Verify is the floor a first-seen token cannot beat:
// SHA-256 of the signing input and rsa.VerifyPKCS1v15, nothing else.
func BenchmarkRawRS256Verify(b *testing.B) {
	srv := jwtauthtest.NewServer()
	defer srv.Close()
	tok := token(srv, 0)
	dot := strings.LastIndexByte(tok, '.')
	sig, err := base64.RawURLEncoding.DecodeString(tok[dot+1:])
	if err != nil {
		b.Fatal(err)
	}
	pub := srv.Key().Private.Public().(*rsa.PublicKey)
	b.ReportAllocs()
	for b.Loop() {
		h := sha256.Sum256([]byte(tok[:dot]))
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMiddlewareRepeatToken is the same comparison through each
// library's net/http middleware.
func BenchmarkMiddlewareRepeatToken(b *testing.B) {
	srv := jwtauthtest.NewServer()
	defer srv.Close()
	tok := token(srv, 0)
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	v, err := jwtauth.New(b.Context(), srv.Config())
	if err != nil {
		b.Fatal(err)
	}
	issuer, _ := url.Parse(srv.Issuer())
	provider := jwks.NewCachingProvider(issuer, 5*time.Minute, jwks.WithCustomClient(srv.Client()))
	gjm, err := validator.New(provider.KeyFunc, validator.RS256, srv.Issuer(), []string{jwtauthtest.DefaultAudience})
	if err != nil {
		b.Fatal(err)
	}
	for name, h := range map[string]http.Handler{
		"jwtauth":           jwtauth.Middleware(v)(ok),
		"go-jwt-middleware": jwtmiddleware.New(gjm.ValidateToken).CheckJWT(ok),
	} {
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusNoContent {
					b.Fatalf("%s: %d %s", name, rec.Code, rec.Body)
				}
			}
		})
	}
}
