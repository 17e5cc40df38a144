package jwtauth_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// A validator for one API of one issuer; the issuer here is a local
// stand-in whose keys are found by discovery.
func ExampleValidator_Validate() {
	issuer := jwtauthtest.NewServer()
	defer issuer.Close()
	v, err := jwtauth.New(context.Background(), jwtauth.Config{
		Issuer:     issuer.Issuer(),
		Audiences:  []string{"https://api.example.com/"},
		HTTPClient: issuer.Client(),
	})
	if err != nil {
		panic(err)
	}
	token := issuer.Token().ClientCredentials("m2m-app").Scope("read:messages").MustSign()
	claims, err := v.Validate(context.Background(), token)
	fmt.Println(claims.Subject, claims.Scopes, claims.GrantType, err)

	_, err = v.Validate(context.Background(), issuer.Token().Audience("https://other.example/").MustSign())
	fmt.Println(err)
	// Output:
	// m2m-app@clients [read:messages] client-credentials <nil>
	// jwtauth: invalid token: wrong audience
}

// Middleware and a scope check in front of a handler.
func ExampleMiddleware() {
	issuer := jwtauthtest.NewServer()
	defer issuer.Close()
	v, err := jwtauth.New(context.Background(), issuer.Config())
	if err != nil {
		panic(err)
	}
	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims, _ := jwtauth.ClaimsFrom(r.Context())
		fmt.Fprintf(w, "hello %s", claims.Subject)
	})
	api := httptest.NewServer(jwtauth.Middleware(v)(jwtauth.RequireScopes("read:messages")(hello)))
	defer api.Close()

	for _, token := range []string{
		issuer.Token().Scope("read:messages").MustSign(),
		issuer.Token().Scope("write:messages").MustSign(),
		"",
	} {
		req, _ := http.NewRequest(http.MethodGet, api.URL, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(strings.TrimSpace(fmt.Sprint(resp.StatusCode, " ", resp.Header.Get("WWW-Authenticate"))))
		fmt.Println(strings.TrimSpace(string(body)))
	}
	// Output:
	// 200
	// hello auth0|65f1c0ffee0000000000beef
	// 403 Bearer realm="https://api.example.com/", error="insufficient_scope", error_description="requires scopes: read:messages", scope="read:messages"
	// {"error":"insufficient_scope","error_description":"requires scopes: read:messages"}
	// 401 Bearer realm="https://api.example.com/"
	// {"error":"unauthorized","error_description":"bearer token required"}
}
