package login

import (
	"context"
	"net"
	"net/url"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// maxLogoURL bounds the logo's URL.
const maxLogoURL = 2048

// brand is the tenant's look, every value checked before it reaches a page.
type brand struct {
	Name    string // friendly_name
	LogoURL string // https, or http on loopback; "" for none
	Theme   string // URL of the theme stylesheet; "" for the default colours
}

// brand reads the tenant's branding; a store failure gives the default look.
func (h *Handler) brand(ctx context.Context) brand {
	t, err := h.Store.GetTenant(ctx)
	if err != nil {
		t = idp.DefaultTenant()
	}
	return brandOf(t)
}

func brandOf(t idp.Tenant) brand {
	b := brand{Name: t.FriendlyName, LogoURL: logoURL(t.Branding.LogoURL)}
	if b.Name == "" {
		b.Name = "Gatehouse"
	}
	b.Theme = themeURL(t.Branding.PrimaryColor, t.Branding.PageBackground)
	return b
}

// logoURL returns u if it is an absolute https URL (or http on a loopback
// host, for development), else "".
func logoURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || len(u) > maxLogoURL || p.Host == "" || p.User != nil {
		return ""
	}
	if p.Scheme == "https" || p.Scheme == "http" && loopback(p.Hostname()) {
		return p.String()
	}
	return ""
}

func loopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}

// themeURL is the stylesheet that applies the colours that parse as
// #rrggbb; "" when none does. The colours travel as six hex digits and
// the stylesheet is built from the parsed bytes, so no tenant string is
// ever copied into CSS.
func themeURL(primary, background string) string {
	q := url.Values{}
	if c, ok := parseColor(primary); ok {
		q.Set("p", c.hex())
	}
	if c, ok := parseColor(background); ok {
		q.Set("b", c.hex())
	}
	if len(q) == 0 {
		return ""
	}
	return assetPath + "theme.css?" + q.Encode()
}
