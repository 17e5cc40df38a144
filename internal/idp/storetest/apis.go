package storetest

import (
	"fmt"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func resourceServerTests() []test {
	c := crud[idp.ResourceServer]{
		kind: "ResourceServer", make: newAPI, change: changeAPI,
		id:     func(r idp.ResourceServer) string { return r.ID },
		create: idp.Store.CreateResourceServer, get: idp.Store.GetResourceServer,
		update: idp.Store.UpdateResourceServer, delete: idp.Store.DeleteResourceServer,
		list: idp.Store.ListResourceServers,
		keys: []uniqueKey[idp.ResourceServer]{
			{name: "id", copy: func(d *idp.ResourceServer, s idp.ResourceServer) { d.ID = s.ID }, createOnly: true},
			{name: "identifier", copy: func(d *idp.ResourceServer, s idp.ResourceServer) { d.Identifier = s.Identifier }},
		},
	}
	return append(c.tests(), test{"ResourceServer/ByIdentifier", testAPIByIdentifier})
}

func apiIdentifier(n int) string { return fmt.Sprintf("https://api%d.example.com/", n) }

func newAPI(n int) idp.ResourceServer {
	return idp.ResourceServer{
		ID:         fmt.Sprintf("%024x", n),
		Name:       fmt.Sprintf("API %d", n),
		Identifier: apiIdentifier(n),
		Scopes: []idp.Scope{
			{Value: "read:things", Description: "Read things"},
			{Value: "write:things", Description: "Write things"},
		},
		SigningAlg:          "RS256",
		TokenLifetime:       86400,
		TokenLifetimeForWeb: 7200,
		AllowOfflineAccess:  true,
		SkipConsent:         true,
		EnforcePolicies:     true,
		TokenDialect:        idp.DialectAccessTokenAuthz,
	}
}

func changeAPI(r *idp.ResourceServer) {
	r.Name += " renamed"
	r.Identifier += "v2"
	r.Scopes = []idp.Scope{{Value: "admin", Description: "Everything"}}
	r.SigningAlg = "ES256"
	r.TokenLifetime, r.TokenLifetimeForWeb = 600, 300
	r.AllowOfflineAccess, r.SkipConsent, r.EnforcePolicies = false, false, false
	r.TokenDialect = idp.DialectRFC9068
	r.IsSystem = true
}

func testAPIByIdentifier(t *testing.T, s idp.Store) {
	want := newAPI(1)
	must(t, s.CreateResourceServer(t.Context(), want))
	got, err := s.GetResourceServerByIdentifier(t.Context(), want.Identifier)
	must(t, err)
	same(t, "by identifier", got, want)
	_, err = s.GetResourceServerByIdentifier(t.Context(), apiIdentifier(2))
	wantCode(t, err, idp.ENotFound)
}
