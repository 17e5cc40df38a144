package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func tenantTests() []test {
	return []test{
		{"Tenant/Default", testTenantDefault},
		{"Tenant/Update", testTenantUpdate},
		{"Tenant/DefaultStored", testTenantDefaultStored},
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
	t.Branding = idp.Branding{LogoURL: "https://acme.example.com/logo.svg",
		PrimaryColor: "#0a5c36", PageBackground: "#f4f4f4"}
	t.IPThrottle = idp.IPThrottleSettings{
		Shields: []string{"block"}, Allowlist: []string{"203.0.113.7", "2001:db8::/32"},
		PreLogin:        idp.ThrottleRate{MaxAttempts: 20, Every: 90 * time.Second},
		PreRegistration: idp.ThrottleRate{MaxAttempts: 3, Every: 2500 * time.Millisecond},
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

// testTenantDefaultStored: the default settings, once written, read back
// unchanged (IPThrottle's rates included).
func testTenantDefaultStored(t *testing.T, s idp.Store) {
	got, err := s.UpdateTenant(t.Context(), func(*idp.Tenant) error { return nil })
	must(t, err)
	same(t, "update result", got, idp.DefaultTenant())
	got, err = s.GetTenant(t.Context())
	must(t, err)
	same(t, "default tenant once stored", got, idp.DefaultTenant())
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
