package oauth

import (
	"strings"
	"testing"
)

func TestDiscoveryGolden(t *testing.T) {
	f := newFixture(t)
	r := f.do("GET", "/.well-known/openid-configuration", "", "", nil)
	if r.status != 200 || r.header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("%d %v", r.status, r.header)
	}
	golden(t, "discovery.golden", []byte(strings.ReplaceAll(string(r.body), f.issuer, "https://gatehouse.test/")))
	if !strings.Contains(string(r.body), `"issuer": "`+f.issuer+`"`) {
		t.Errorf("issuer missing: %s", r.body)
	}
}

func TestJWKS(t *testing.T) {
	f := newFixture(t)
	r := f.do("GET", "/.well-known/jwks.json", "", "", nil)
	if r.status != 200 || string(r.body) != string(f.keys.JWKS()) ||
		r.header.Get("Content-Type") != "application/json" || !strings.HasPrefix(r.header.Get("Cache-Control"), "public") {
		t.Errorf("%d %v %s", r.status, r.header, r.body)
	}
}
