package config

import (
	"context"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestApplyBranding(t *testing.T) {
	st := newStore(t)
	src := "branding:\n  colors: {primary: '#0a7d6c', page_background: '#f4f4f4'}\n  logo_url: https://cdn.example.com/logo.png\n"
	mustApply(t, st, src)
	tn, err := st.GetTenant(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := idp.Branding{LogoURL: "https://cdn.example.com/logo.png", PrimaryColor: "#0a7d6c", PageBackground: "#f4f4f4"}
	if tn.Branding != want {
		t.Fatalf("branding %+v, want %+v", tn.Branding, want)
	}
	if res := mustApply(t, st, src); res.Count(Updated) != 0 {
		t.Fatalf("re-apply changed %v", res.Changes)
	}
}

func TestBrandingRefused(t *testing.T) {
	st := newStore(t)
	_, err := apply(t, st, "branding:\n  colors: {primary: 'red; background: url(x)'}\n  logo_url: http://x/l.png\n")
	for _, want := range []string{"branding.colors.primary", "branding.logo_url: want an https:// URL"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}
