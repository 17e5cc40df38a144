package oauth

import (
	"strings"
	"testing"
)

const mismatch = "Callback URL mismatch. The provided redirect_uri is not in the list of allowed callback URLs."

// challenge is a valid S256 challenge (of verifier).
const (
	verifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
)

// TestAuthorizePageErrors: what cannot be sent back to the application is
// a page, never a redirect (contract §4.3, §4.6).
func TestAuthorizePageErrors(t *testing.T) {
	f := newBrowserFixture(t)
	tests := []struct{ name, client, uri, text string }{
		{"unregistered", bspaID, "https://evil.example.com/callback", mismatch},
		{"extra path", bspaID, spaCB + "/extra", mismatch},
		{"extra query", bspaID, spaCB + "?a=1", mismatch},
		{"fragment", bspaID, spaCB + "#x", mismatch},
		{"userinfo", bspaID, "https://evil@spa.example.com/callback", mismatch},
		{"different port", bspaID, "https://spa.example.com:8443/callback", mismatch},
		{"default port spelled out", bspaID, "https://spa.example.com:443/callback", mismatch},
		{"different host case", bspaID, "https://SPA.example.com/callback", mismatch},
		{"different path case", bspaID, "https://spa.example.com/Callback", mismatch},
		{"trailing slash", bspaID, spaCB + "/", mismatch},
		{"http instead of https", bspaID, "http://spa.example.com/callback", mismatch},
		{"dot segments", bspaID, "https://spa.example.com/x/../callback", mismatch},
		{"wildcard spans two labels", bspaID, "https://a.b.preview.example.com/cb", mismatch},
		{"wildcard matches nothing", bspaID, "https://.preview.example.com/cb", mismatch},
		{"registered query missing", bwebID, "https://web.example.com/cb", mismatch},
		{"registered query changed", bwebID, "https://web.example.com/cb?tenant=2", mismatch},
		{"no wildcards for third parties", b3pID, "https://x.third.example.com/cb", mismatch},
		{"missing redirect_uri", bspaID, "", "Missing required parameter: redirect_uri"},
		{"unknown client", "nobody", spaCB, "Unknown client: nobody"},
		{"missing client_id", "", spaCB, "Missing required parameter: client_id"},
		{"web_message to a URI without origin", bspaID + "&response_mode=web_message", oobCB, "Allowed Web Origins"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, extra, _ := strings.Cut(tt.client, "&")
			kv := []string{"client_id", id, "redirect_uri", tt.uri, "response_type", "code",
				"code_challenge", challenge, "code_challenge_method", "S256", "state", "st"}
			if extra != "" {
				k, v, _ := strings.Cut(extra, "=")
				kv = append(kv, k, v)
			}
			checkPage(t, f.authorize("", kv...), 400, tt.text)
		})
	}
	checkPage(t, f.authorize("", "client_id", bspaID, "redirect_uri", spaCB, "state", strings.Repeat("s", 3000)),
		400, "The state parameter is too long.")
}

// TestAuthorizeRedirectedErrors: once the redirect URI is known good,
// errors go back to it with error, error_description and the state.
func TestAuthorizeRedirectedErrors(t *testing.T) {
	f := newBrowserFixture(t)
	spa := []string{"client_id", bspaID, "redirect_uri", spaCB, "state", "xyz"}
	pkce := []string{"code_challenge", challenge, "code_challenge_method", "S256"}
	with := func(base []string, kv ...string) []string { return append(append([]string{}, base...), kv...) }
	tests := []struct {
		name     string
		kv       []string
		fragment bool
		code     string
		desc     string
	}{
		{"missing response_type", spa, false, "invalid_request", "Missing required parameter: response_type"},
		{"unknown response_type", with(spa, "response_type", "code foo"), false,
			"unsupported_response_type", "Unsupported response type: code foo"},
		{"repeated response_type", with(spa, "response_type", "token token"), true,
			"unsupported_response_type", "Unsupported response type: token token"},
		{"code for an implicit-only client", []string{"client_id", bimplID, "redirect_uri", spaCB,
			"state", "xyz", "response_type", "code"}, false,
			"unauthorized_client", "Grant type 'authorization_code' not allowed for the client."},
		{"token for a client without implicit", []string{"client_id", bwebID, "redirect_uri", webCB,
			"state", "xyz", "response_type", "token", "nonce", "n"}, true,
			"unauthorized_client", "Grant type 'implicit' not allowed for the client."},
		{"id_token without nonce", with(spa, "response_type", "token id_token"), true,
			"invalid_request", "Missing required parameter: nonce"},
		{"hybrid without nonce", with(with(spa, pkce...), "response_type", "code id_token"), true,
			"invalid_request", "Missing required parameter: nonce"},
		{"public client without PKCE", with(spa, "response_type", "code"), false,
			"invalid_request", "Missing required parameter: code_challenge"},
		{"plain PKCE", with(spa, "response_type", "code", "code_challenge", verifier, "code_challenge_method", "plain"), false,
			"invalid_request", "Unsupported code_challenge_method: plain. Only S256 is supported."},
		{"PKCE without method means plain", with(spa, "response_type", "code", "code_challenge", challenge), false,
			"invalid_request", "Unsupported code_challenge_method: plain. Only S256 is supported."},
		{"malformed challenge", with(spa, "response_type", "code", "code_challenge", "short", "code_challenge_method", "S256"), false,
			"invalid_request", "Invalid code_challenge: an S256 challenge is 43 base64url characters."},
		{"unknown audience", with(with(spa, pkce...), "response_type", "code", "audience", "https://nope.example.com/"), false,
			"access_denied", "Service not found: https://nope.example.com/"},
		{"prompt=none without a session", with(with(spa, pkce...), "response_type", "code", "prompt", "none"), false,
			"login_required", "Login required"},
		{"prompt=none with login", with(with(spa, pkce...), "response_type", "code", "prompt", "none login"), false,
			"invalid_request", "prompt=none cannot be combined with other prompt values"},
		{"bad max_age", with(with(spa, pkce...), "response_type", "code", "max_age", "-5"), false,
			"invalid_request", "max_age must be a non-negative integer"},
		{"unknown response_mode", with(with(spa, pkce...), "response_type", "code", "response_mode", "jwt"), false,
			"invalid_request", "Unsupported response_mode: jwt"},
		{"tokens never in the query", with(spa, "response_type", "token", "response_mode", "query"), true,
			"invalid_request", "response_mode=query is not allowed for response_type=token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.authorize("", tt.kv...)
			prefix := strings.Split(r.header.Get("Location"), "?")[0]
			if tt.fragment {
				prefix = strings.Split(r.header.Get("Location"), "#")[0]
			}
			v := f.callback(r, prefix, tt.fragment)
			if !strings.HasSuffix(prefix, "/callback") || v.Get("error") != tt.code ||
				v.Get("error_description") != tt.desc || v.Get("state") != "xyz" {
				t.Errorf("got %q, want %s: %s with state", r.header.Get("Location"), tt.code, tt.desc)
			}
		})
	}
}

// TestAuthorizeWithoutState: Auth0 does not require state; none is sent back.
func TestAuthorizeWithoutState(t *testing.T) {
	f := newBrowserFixture(t)
	f.loginState(f.authorize("", "client_id", bspaID, "redirect_uri", spaCB, "response_type", "code",
		"code_challenge", challenge, "code_challenge_method", "S256"))
	r := f.authorize("", "client_id", bspaID, "redirect_uri", spaCB, "response_type", "code",
		"code_challenge", challenge, "code_challenge_method", "S256", "prompt", "none")
	if v := f.callback(r, spaCB+"?", false); v.Get("error") != "login_required" || v.Has("state") {
		t.Errorf("got %v", v)
	}
}
