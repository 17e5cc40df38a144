package gateway_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/gateway"
)

// FuzzParse feeds arbitrary files to the loader, and builds a Gateway from
// those it accepts: errors are fine, panics are not.
func FuzzParse(f *testing.F) {
	f.Add([]byte(testConfig))
	f.Add([]byte(reloadBefore))
	f.Add([]byte("routes:\n  - {path: \"/{x...}\", upstream: 'http://h', public: true}\n"))
	f.Add([]byte("routes:\n  - {path: /, upstream: 'http://h', public: true}\n  - {path: \"/{$}\", upstream: 'http://h', public: true}\n"))
	f.Add([]byte("a: &a [*a, *a]\nroutes: *a\n"))
	f.Add([]byte("authorizers: [{name: a, issuer_url: 'https://t/', audience: [x, y]}]\ndefault_authorizer: a\nroutes: [{path: '/p/{id}', method: PUT, upstream: 'http://h', strip_prefix: /p}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := gateway.Parse("fuzz.yaml", data)
		if err != nil {
			_ = err.Error()
			return
		}
		var b strings.Builder
		c.WriteRoutes(&b)
		if _, err := gateway.New(t.Context(), c, gateway.Options{}); err != nil {
			_ = err.Error()
		}
	})
}

// FuzzRoute sends arbitrary methods, paths and headers through a gateway:
// no 500, and the upstream never sees a claim header the gateway did not
// set itself (the public routes set none).
func FuzzRoute(f *testing.F) {
	r := newRig(f, testConfig)
	for _, p := range []string{"/api/public", "/api/public-token", "/svc/a/../../api/private", "/svc/%2e%2e/x",
		"/items/1", "//api/public", "/api/public/", "/api/private", "/nowhere"} {
		f.Add("GET", p, "X-Auth-Subject", "admin")
	}
	f.Add("POST", "/items/x%2Fy", "x_auth_scopes", "read:all")
	f.Add("GET", "/svc/", "X-AUTH-client_id", "c")
	f.Fuzz(func(t *testing.T, method, path, name, value string) {
		if !isToken(name) || !isToken(method) || method == "CONNECT" || strings.ContainsFunc(value, isCTL) {
			return
		}
		u, err := url.Parse(path)
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(u.Path, "/") {
			return
		}
		req := &http.Request{Method: method, URL: u, Header: http.Header{name: {value}}, Host: "gw.test",
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, RemoteAddr: "192.0.2.1:1234", RequestURI: u.RequestURI()}
		req = req.WithContext(t.Context())
		rec := httptest.NewRecorder()
		r.gw.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusBadGateway {
			t.Fatalf("%s %q: %d %s", method, path, rec.Code, rec.Body)
		}
		var e echoed
		if rec.Code == http.StatusOK && json.Unmarshal(rec.Body.Bytes(), &e) == nil {
			for k := range e.Header {
				if isClaimHeader(k) {
					t.Fatalf("%s %q with %s: upstream received %s", method, path, name, k)
				}
			}
		}
	})
}

// isToken reports whether s is an RFC 9110 token, as a server would have
// parsed a method or header name.
func isToken(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r)
	})
}

func isCTL(r rune) bool { return (r < ' ' && r != '\t') || r == 0x7f }

// isClaimHeader: one of the gateway's four, in any case, - or _.
func isClaimHeader(k string) bool {
	k = strings.ToLower(strings.ReplaceAll(k, "_", "-"))
	for _, c := range []string{gateway.HeaderSubject, gateway.HeaderScopes, gateway.HeaderPermissions, gateway.HeaderClientID} {
		if k == strings.ToLower(c) {
			return true
		}
	}
	return false
}
