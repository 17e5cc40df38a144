package login

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestBrandingApplied(t *testing.T) {
	e := newEnv(t)
	e.tenant(func(t *idp.Tenant) {
		t.FriendlyName = "Acme & Co"
		t.Branding = idp.Branding{LogoURL: "https://cdn.example.com/logo.png", PrimaryColor: "#FFCC00", PageBackground: "#102030"}
	})
	resp, body := e.get("/u/login?state=" + e.newTx().ID)
	wantPage(t, resp, body, 200, `<img class="logo" src="https://cdn.example.com/logo.png" alt="Acme &amp; Co">`,
		`<title>Sign in | Acme &amp; Co</title>`, `href="/u/assets/theme.css?b=102030&amp;p=ffcc00"`)
	resp, css := e.get("/u/assets/theme.css?b=102030&p=ffcc00")
	wantPage(t, resp, css, 200, "--primary:#ffcc00;--on-primary:#000000;", "--page:#102030")
	link := regexp.MustCompile(`--link:#([0-9a-f]{6})`).FindStringSubmatch(css)
	c, ok := parseColor(link[1])
	if !ok || contrast(c, white) < minContrast {
		t.Errorf("link colour %s: contrast %.2f", link[1], contrast(c, white))
	}
	if resp.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
	}
}

func TestBrandingRefusesUnsafeValues(t *testing.T) {
	for _, b := range []idp.Branding{
		{LogoURL: "javascript:alert(1)", PrimaryColor: "red;}body{display:none"},
		{LogoURL: "http://cdn.example.com/logo.png", PrimaryColor: "#12345"},
		{LogoURL: "https://user:pw@cdn.example.com/x.png", PrimaryColor: "#12345g", PageBackground: "url(x)"},
		{LogoURL: "//cdn.example.com/logo.png", PrimaryColor: "+12345"},
	} {
		got := brandOf(idp.Tenant{Branding: b})
		if got.LogoURL != "" || got.Theme != "" || got.Name != "Gatehouse" {
			t.Errorf("%+v gave %+v", b, got)
		}
	}
	if got := logoURL("http://127.0.0.1:8080/logo.svg"); got == "" {
		t.Error("refused a loopback logo in development")
	}
}

func TestTextOnAnyColourIsReadable(t *testing.T) {
	for v := 0; v < 1<<24; v += 4099 {
		c := color{uint8(v >> 16), uint8(v >> 8), uint8(v)}
		if r := contrast(textOn(c), c); r < minContrast {
			t.Fatalf("%s: text contrast %.2f", c.css(), r)
		}
		if r := contrast(darkenFor(c, white), white); r < minContrast {
			t.Fatalf("%s: link contrast %.2f", c.css(), r)
		}
	}
}

// The colour pairs login.css uses meet WCAG AA: 4.5:1 for text, 3:1 for
// input borders.
func TestStylesheetContrast(t *testing.T) {
	css, err := assetFS.ReadFile("assets/login.css")
	must(t, err)
	vars := map[string]color{"white": white}
	for _, m := range regexp.MustCompile(`--([a-z-]+): #([0-9a-f]{6});`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]], _ = parseColor(m[2])
	}
	pairs := []struct {
		fg, bg string
		min    float64
	}{
		{"ink", "white", 4.5}, {"muted", "white", 4.5}, {"link", "white", 4.5},
		{"on-primary", "primary", 4.5}, {"error", "white", 4.5}, {"error", "error-bg", 4.5},
		{"ink", "error-bg", 4.5}, {"met", "white", 4.5}, {"muted", "page", 4.5}, {"line", "white", 3},
		{"primary", "white", 3}, // focus ring
	}
	for _, p := range pairs {
		fg, ok1 := vars[p.fg]
		bg, ok2 := vars[p.bg]
		if !ok1 || !ok2 {
			t.Fatalf("login.css lacks --%s or --%s", p.fg, p.bg)
		}
		if r := contrast(fg, bg); r < p.min {
			t.Errorf("--%s on --%s: %.2f:1, want %.1f", p.fg, p.bg, r, p.min)
		}
	}
}

func TestPolicyRules(t *testing.T) {
	o := idp.ConnectionOptions{PasswordPolicy: "excellent"}
	rules := policyRules(o)
	if len(rules) != 3 || len(rules[1].Items) != 4 || rules[0].State != "" {
		t.Fatalf("rules %+v", rules)
	}
	perr := idp.CheckPassword(o, "aaaBBB")
	checked := checkedRules(perr)
	states := []string{checked[0].State, checked[1].State, checked[1].Items[0].State,
		checked[1].Items[2].State, checked[2].State}
	if strings.Join(states, ",") != "unmet,unmet,met,unmet,unmet" {
		t.Errorf("states %v of %+v", states, checked)
	}
}

func TestSourceExpression(t *testing.T) {
	for in, want := range map[string]string{
		"https://app.example.com/callback?x=1": "https://app.example.com",
		"http://localhost:3000/cb":             "http://localhost:3000",
		"com.example.app://callback":           "com.example.app:",
		"https://a.example.com;script-src *":   "",
		"https://a.example.com'/x":             "",
		"javascript alert":                     "",
		"":                                     "",
	} {
		if got := sourceExpression(in); got != want {
			t.Errorf("sourceExpression(%q) = %q, want %q", in, got, want)
		}
	}
}
