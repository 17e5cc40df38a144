package jwtauthtest_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

func getJSON(t *testing.T, c *http.Client, url string, v any) int {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

func TestServerDocuments(t *testing.T) {
	srv := jwtauthtest.NewServer()
	defer srv.Close()
	var doc map[string]any
	getJSON(t, srv.Client(), srv.URL+jwtauthtest.DiscoveryPath, &doc)
	if doc["issuer"] != srv.Issuer() || doc["jwks_uri"] != srv.JWKSURL() || !strings.HasSuffix(srv.Issuer(), "/") {
		t.Fatalf("discovery %v", doc)
	}
	next := srv.Rotate("next")
	var set jose.JSONWebKeySet
	getJSON(t, srv.Client(), srv.JWKSURL(), &set)
	if len(set.Keys) != 2 || set.Keys[0].KeyID != "next" || !set.Keys[0].IsPublic() || srv.Key() != next {
		t.Fatalf("JWKS after rotation: %+v", set.Keys)
	}
	srv.SetFailing(true)
	if code := getJSON(t, srv.Client(), srv.JWKSURL(), &set); code != http.StatusInternalServerError {
		t.Fatalf("failing JWKS answered %d", code)
	}
	if srv.JWKSFetches() != 2 || srv.DiscoveryFetches() != 1 {
		t.Fatalf("counters %d, %d", srv.JWKSFetches(), srv.DiscoveryFetches())
	}
}

func TestBuilderShapes(t *testing.T) {
	k := jwtauthtest.NewRSAKey("k1")
	b := jwtauthtest.NewBuilder("https://t.example/", k).ClientCredentials("cid").Scope("a", "b")
	head, claims := decode(t, b.MustSign())
	if head["alg"] != "RS256" || head["kid"] != "k1" || head["typ"] != "JWT" {
		t.Fatalf("header %v", head)
	}
	if claims["sub"] != "cid@clients" || claims["azp"] != "cid" || claims["gty"] != "client-credentials" ||
		claims["scope"] != "a b" || claims["aud"] != jwtauthtest.DefaultAudience {
		t.Fatalf("claims %v", claims)
	}
	none := b.SignNone()
	if head, _ := decode(t, none); head["alg"] != "none" || !strings.HasSuffix(none, ".") {
		t.Fatalf("alg none token %q", none)
	}
	if head, _ := decode(t, b.SignHMAC(jose.HS256, k.PublicKeyPEM())); head["alg"] != "HS256" || head["kid"] != "k1" {
		t.Fatalf("HMAC header %v", head)
	}
}

func decode(t *testing.T, token string) (head, claims map[string]any) {
	t.Helper()
	parts := strings.Split(token, ".")
	for i, dst := range []*map[string]any{&head, &claims} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			t.Fatal(err)
		}
	}
	return head, claims
}
