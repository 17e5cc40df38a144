package oauth

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestURLAllowed(t *testing.T) {
	allowed := []string{"https://app.example.com/cb", "https://pre-*-fix.example.com/cb?x=1",
		"https://*.example.org", "com.example.app://callback", "http://localhost:3000/cb"}
	tests := []struct {
		uri       string
		wildcards bool
		want      bool
	}{
		{"https://app.example.com/cb", true, true},
		{"com.example.app://callback", true, true},
		{"http://localhost:3000/cb", true, true},
		{"http://localhost:3001/cb", true, false},
		{"https://app.example.com/cb/", true, false},
		{"https://app.example.com/CB", true, false},
		{"https://app.example.com/cb#", true, false},
		{"https://u:p@app.example.com/cb", true, false},
		{"https://pre-42-fix.example.com/cb?x=1", true, true},
		{"https://pre-42-fix.example.com/cb?x=1", false, false}, // third-party
		{"https://pre--fix.example.com/cb?x=1", true, false},    // * is not empty
		{"https://pre-4.2-fix.example.com/cb?x=1", true, false}, // one label only
		{"https://pre-42-fix.example.com/cb?x=2", true, false},
		{"https://pre-42-fix.example.com.evil.com/cb?x=1", true, false},
		{"https://pre-4_2-fix.example.com/cb?x=1", true, false},
		{"https://a.example.org", true, true},
		{"https://a.example.org/", true, false},
		{"https://a.example.org:8443", true, false},
		{"https://evil.com/x.example.org", true, false},
		{"https://evil.com?.example.org", true, false},
		{"http://a.example.org", true, false},
		{"", true, false},
	}
	for _, tt := range tests {
		if got := urlAllowed(allowed, tt.uri, tt.wildcards); got != tt.want {
			t.Errorf("urlAllowed(%q, wildcards %v) = %v", tt.uri, tt.wildcards, got)
		}
	}
	for _, bad := range []string{"https://*", "https://*.com.*/x", "ftp://*.example.com", "https://a.*.example.com"} {
		if urlAllowed([]string{bad}, "https://x.example.com", true) {
			t.Errorf("pattern %q matched", bad)
		}
	}
}

// FuzzURLAllowed: a match against a wildcard pattern keeps the pattern's
// scheme and host suffix, and never has a fragment or user information.
func FuzzURLAllowed(f *testing.F) {
	for _, s := range []string{"https://a.example.com/cb", "https://a.b.example.com/cb", "https://@x.example.com/cb",
		"https://a.example.com/cb#f", "https://x.example.com.evil/cb", "https://%2e.example.com/cb"} {
		f.Add(s)
	}
	pattern := "https://*.example.com/cb"
	f.Fuzz(func(t *testing.T, uri string) {
		if !urlAllowed([]string{pattern}, uri, true) {
			return
		}
		u, err := url.Parse(uri)
		if err != nil || u.Scheme != "https" || u.User != nil || u.Fragment != "" || u.Path != "/cb" ||
			!strings.HasSuffix(u.Host, ".example.com") || strings.Count(u.Host, ".") != 2 {
			t.Errorf("%q matched %q", uri, pattern)
		}
	})
}

// FuzzAuthorize: no query, however malformed, yields a 500 or a panic.
func FuzzAuthorize(f *testing.F) {
	fx := newBrowserFixture(f)
	for _, s := range []string{
		"client_id=" + bspaID + "&redirect_uri=" + url.QueryEscape(spaCB) + "&response_type=code&code_challenge=" + challenge + "&code_challenge_method=S256",
		"client_id=" + bspaID + "&redirect_uri=" + url.QueryEscape(spaCB) + "&response_type=token%20id_token&nonce=n&response_mode=web_message&prompt=none",
		"client_id=" + bspaID + "&redirect_uri=" + url.QueryEscape(spaCB) + "&response_type=code&max_age=99999999999999999999",
		"client_id=%zz&redirect_uri=;", "response_mode=form_post&&&",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, query string) {
		req := httptest.NewRequest("GET", "/authorize", nil)
		req.URL.RawQuery = query
		w := httptest.NewRecorder()
		fx.mux.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Errorf("%q: %d %s", query, w.Code, w.Body)
		}
	})
}
