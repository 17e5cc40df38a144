package storetest

import (
	"fmt"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func clientTests() []test {
	c := crud[idp.Client]{
		kind: "Client", make: newClient, change: changeClient,
		id:     func(c idp.Client) string { return c.ID },
		create: idp.Store.CreateClient, get: idp.Store.GetClient,
		update: idp.Store.UpdateClient, delete: idp.Store.DeleteClient,
		list: idp.Store.ListClients,
		keys: []uniqueKey[idp.Client]{
			{name: "id", copy: func(d *idp.Client, s idp.Client) { d.ID = s.ID }, createOnly: true},
			{name: "name", copy: func(d *idp.Client, s idp.Client) { d.Name = s.Name }},
		},
	}
	return append(c.tests(),
		test{"Client/ByName", testClientByName},
		test{"Client/Copies", testClientCopies},
	)
}

func newClient(n int) idp.Client {
	return idp.Client{
		ID:                      fmt.Sprintf("client%026d", n),
		Name:                    fmt.Sprintf("App %d", n),
		Description:             "an application",
		AppType:                 idp.AppRegularWeb,
		SecretHash:              []byte{0, 1, 2, 3, 254, 255, byte(n)},
		TokenEndpointAuthMethod: idp.AuthClientSecretPost,
		GrantTypes:              idp.DefaultGrantTypes(idp.AppRegularWeb),
		Callbacks:               []string{"https://app.example.com/callback", "http://localhost:3000/cb"},
		AllowedOrigins:          []string{"https://app.example.com"},
		WebOrigins:              []string{"https://app.example.com", "https://*.example.com"},
		AllowedLogoutURLs:       []string{"https://app.example.com/bye"},
		JWTConfiguration:        idp.JWTConfiguration{Alg: "RS256", LifetimeInSeconds: 36000},
		RefreshToken:            idp.DefaultRefreshTokenConfig(),
		IsFirstParty:            true,
		OIDCConformant:          true,
		CrossOriginAuth:         true,
		TokenEndpointIPTrusted:  true,
		Metadata:                map[string]string{"team": "blue", "tier": "1"},
		CreatedAt:               at(n),
		UpdatedAt:               at(n + 1),
	}
}

func changeClient(c *idp.Client) {
	c.Name += " renamed"
	c.Description = "changed"
	c.AppType = idp.AppSPA
	c.SecretHash = nil
	c.TokenEndpointAuthMethod = idp.AuthNone
	c.GrantTypes = []string{idp.GrantAuthorizationCode}
	c.Callbacks = []string{"https://spa.example.com"}
	c.AllowedOrigins, c.WebOrigins, c.AllowedLogoutURLs = nil, []string{"https://spa.example.com"}, nil
	c.JWTConfiguration = idp.JWTConfiguration{Alg: "HS256", LifetimeInSeconds: 60}
	c.RefreshToken = idp.RefreshTokenConfig{RotationType: "rotating", ExpirationType: "expiring", Leeway: 5, TokenLifetime: 600, IdleTokenLifetime: 300}
	c.IsFirstParty, c.OIDCConformant, c.CrossOriginAuth, c.TokenEndpointIPTrusted = false, false, false, false
	c.SSODisabled = true
	c.Metadata = map[string]string{"team": "red"}
	c.UpdatedAt = at(100)
}

func testClientByName(t *testing.T, s idp.Store) {
	want := newClient(1)
	must(t, s.CreateClient(t.Context(), want))
	got, err := s.GetClientByName(t.Context(), want.Name)
	must(t, err)
	same(t, "by name", got, want)
	_, err = s.GetClientByName(t.Context(), "App 2")
	wantCode(t, err, idp.ENotFound)
}

func testClientCopies(t *testing.T, s idp.Store) {
	in := newClient(1)
	must(t, s.CreateClient(t.Context(), in))
	in.Callbacks[0] = "https://evil.example.com"
	in.SecretHash[0] = 9
	in.Metadata["team"] = "changed"
	out, err := s.GetClient(t.Context(), in.ID)
	must(t, err)
	out.GrantTypes[0] = "changed"
	out.Metadata["tier"] = "changed"
	got, err := s.GetClient(t.Context(), in.ID)
	must(t, err)
	same(t, "get after changing copies", got, newClient(1))
}
