package jwtauth_test

import (
	"slices"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

func TestClaimsAuth0Profile(t *testing.T) {
	srv := newServer(t)
	clk := newClock()
	v := newValidator(t, srv, clk, func(c *jwtauth.Config) {
		c.Audiences = []string{"localhost", jwtauthtest.DefaultAudience}
	})
	iat := clk.Now().Truncate(time.Second)
	token := srv.Token().ClientCredentials("3JJeI4tmMC6v8mCVCSDnAGVf2vrnJ0BT").Audience("localhost").
		IssuedAt(iat).ExpiresAt(iat.Add(24*time.Hour)).Scope("read:a", "write:b").
		Permissions("read:a").Claim("https://example.com/tenant", "acme").MustSign()
	c := mustValidate(t, v, token)
	want := jwtauth.Claims{Issuer: srv.Issuer(), Subject: "3JJeI4tmMC6v8mCVCSDnAGVf2vrnJ0BT@clients",
		Audience: []string{"localhost"}, Expiry: iat.Add(24 * time.Hour), IssuedAt: iat,
		Scopes: []string{"read:a", "write:b"}, Permissions: []string{"read:a"},
		AuthorizedParty: "3JJeI4tmMC6v8mCVCSDnAGVf2vrnJ0BT", GrantType: "client-credentials"}
	if c.Issuer != want.Issuer || c.Subject != want.Subject || !slices.Equal(c.Audience, want.Audience) ||
		!c.Expiry.Equal(want.Expiry) || !c.IssuedAt.Equal(want.IssuedAt) || !c.NotBefore.IsZero() ||
		!slices.Equal(c.Scopes, want.Scopes) || !slices.Equal(c.Permissions, want.Permissions) ||
		c.AuthorizedParty != want.AuthorizedParty || c.GrantType != want.GrantType {
		t.Fatalf("claims\n got %+v\nwant %+v", *c, want)
	}
	if !c.HasScope("write:b") || c.HasScope("write") || !c.HasPermission("read:a") || c.HasPermission("write:b") {
		t.Fatal("HasScope/HasPermission disagree with the claims")
	}
	var custom struct {
		Tenant string `json:"https://example.com/tenant"`
	}
	if err := c.Decode(&custom); err != nil || custom.Tenant != "acme" {
		t.Fatalf("Decode = %v, %+v", err, custom)
	}
}

// TestClaimsRFC9068: client_id stands in for azp, jti is kept.
func TestClaimsRFC9068(t *testing.T) {
	srv := newServer(t)
	clk := newClock()
	v := newValidator(t, srv, clk, nil)
	token := srv.Token().At(clk.Now()).Type("at+jwt").Without("azp").Claim("client_id", "cid").
		Claim("jti", "j-1").NotBefore(clk.Now()).MustSign()
	c := mustValidate(t, v, token)
	if c.AuthorizedParty != "cid" || c.ID != "j-1" || c.NotBefore.IsZero() || len(c.Scopes) != 0 {
		t.Fatalf("claims %+v", *c)
	}
}
