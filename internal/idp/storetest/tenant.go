package storetest

import (
	"errors"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func tenantTests() []test {
	return []test{
		{"Tenant/Default", testTenantDefault},
		{"Tenant/Update", testTenantUpdate},
		{"Tenant/UpdateAborts", testTenantUpdateAborts},
	}
}

func changeTenant(t *idp.Tenant) {
	t.FriendlyName = "Acme"
	t.PictureURL = "https://acme.example.com/logo.png"
	t.SupportEmail, t.SupportURL = "help@acme.example.com", "https://acme.example.com/help"
	t.DefaultDirectory, t.DefaultAudience = "acme-db", "https://api.acme.example.com/"
	t.AllowedLogoutURLs = []string{"https://acme.example.com/"}
	t.SessionLifetime, t.IdleSessionLife = 168.5, 72
	t.Flags = map[string]bool{"enable_client_connections": false, "revoke_refresh_token_grant": true}
	t.BruteForce = idp.BruteForceSettings{
		Enabled: true, Shields: []string{"block"}, Mode: "count_per_identifier",
		Allowlist: []string{"198.51.100.0/24"}, MaxAttempts: 3,
	}
}

func testTenantDefault(t *testing.T, s idp.Store) {
	got, err := s.GetTenant(t.Context())
	must(t, err)
	same(t, "tenant before any update", got, idp.DefaultTenant())
}

func testTenantUpdate(t *testing.T, s idp.Store) {
	want := idp.DefaultTenant()
	changeTenant(&want)
	var seen idp.Tenant
	got, err := s.UpdateTenant(t.Context(), func(v *idp.Tenant) error {
		seen = clone(*v)
		changeTenant(v)
		return nil
	})
	must(t, err)
	same(t, "value passed to the first update", seen, idp.DefaultTenant())
	same(t, "update result", got, want)
	got, err = s.GetTenant(t.Context())
	must(t, err)
	same(t, "get after update", got, want)
	want.FriendlyName = "Acme 2"
	_, err = s.UpdateTenant(t.Context(), func(v *idp.Tenant) error { v.FriendlyName = "Acme 2"; return nil })
	must(t, err)
	got, err = s.GetTenant(t.Context())
	must(t, err)
	same(t, "get after a second update", got, want)
}

func testTenantUpdateAborts(t *testing.T, s idp.Store) {
	boom := errors.New("boom")
	_, err := s.UpdateTenant(t.Context(), func(v *idp.Tenant) error { changeTenant(v); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("update error = %v, want the updater's error", err)
	}
	got, err := s.GetTenant(t.Context())
	must(t, err)
	same(t, "tenant after an aborted update", got, idp.DefaultTenant())
}
