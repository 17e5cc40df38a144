package jwtauth_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// FuzzValidate feeds arbitrary strings to Validate and to Middleware: no
// panic, every error an invalid token, every answer a 2xx, 400 or 401.
func FuzzValidate(f *testing.F) {
	key := jwtauthtest.NewRSAKey("fuzz")
	const iss = "https://tenant.example/"
	v, err := jwtauth.New(f.Context(), jwtauth.Config{Issuer: iss,
		Audiences: []string{jwtauthtest.DefaultAudience}, StaticJWKS: jwtauthtest.JWKS(key)})
	if err != nil {
		f.Fatal(err)
	}
	b := func() *jwtauthtest.Builder { return jwtauthtest.NewBuilder(iss, key) }
	good := b().Scope("read:x").MustSign()
	for _, seed := range []string{good, good[:len(good)/2], b().SignNone(),
		b().SignHMAC(jose.HS256, key.PublicKeyPEM()), b().Header("crit", []string{"exp"}).MustSign(),
		b().Payload([]byte(`{"exp":1e400}`)).MustSign(), b().Payload([]byte(`[]`)).MustSign(),
		"", ".", "..", "a.b.c", "eyJ.eyJ.", strings.Repeat(".", 100)} {
		f.Add(seed)
	}
	h := jwtauth.Middleware(v)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	f.Fuzz(func(t *testing.T, token string) {
		c, err := v.Validate(t.Context(), token)
		if err != nil && (c != nil || !errors.Is(err, jwtauth.ErrInvalidToken)) {
			t.Fatalf("Validate = %v, %v", c, err)
		}
		if err == nil && (c.Issuer != iss || c.Expiry.IsZero()) {
			t.Fatalf("accepted claims %+v", c)
		}
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if s := w.Code; s != 200 && s != 400 && s != 401 {
			t.Fatalf("status %d", s)
		}
	})
}
