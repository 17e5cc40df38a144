package config

import (
	"net/url"
	"regexp"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Branding is the deploy CLI's `branding` section (Auth0's branding
// settings): the hosted pages' logo and colours.
type Branding struct {
	Colors     *BrandingColors `yaml:"colors,omitempty"`
	LogoURL    *string         `yaml:"logo_url,omitempty"`
	FaviconURL *string         `yaml:"favicon_url,omitempty"` // accepted, not used
	Font       *BrandingFont   `yaml:"font,omitempty"`        // accepted, not used
}

// BrandingColors are branding.colors.
type BrandingColors struct {
	Primary        *string `yaml:"primary,omitempty"`
	PageBackground *string `yaml:"page_background,omitempty"`
}

// BrandingFont is branding.font.
type BrandingFont struct {
	URL *string `yaml:"url,omitempty"`
}

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

func (v *validator) branding() {
	b := v.t.Branding
	if b == nil {
		return
	}
	if c := b.Colors; c != nil {
		v.color("branding.colors.primary", c.Primary)
		v.color("branding.colors.page_background", c.PageBackground)
	}
	if b.LogoURL != nil && *b.LogoURL != "" {
		if u, err := url.Parse(*b.LogoURL); err != nil || u.Scheme != "https" || u.Host == "" {
			v.fail("branding.logo_url", "want an https:// URL")
		}
	}
}

func (v *validator) color(path string, c *string) {
	if c != nil && !hexColor.MatchString(*c) {
		v.fail(path, "%q is not a #rrggbb colour", *c)
	}
}

func (b *Branding) overlay(t *idp.Branding) {
	set(&t.LogoURL, b.LogoURL)
	if b.Colors != nil {
		set(&t.PrimaryColor, b.Colors.Primary)
		set(&t.PageBackground, b.Colors.PageBackground)
	}
}
