package server

import (
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	trusted, err := ParsePrefixes([]string{"10.0.0.0/8", " 192.0.2.1 ", ""})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, peer string
		xff        []string
		trusted    bool
		want       string
	}{
		{"no trusted proxies: the header is ignored", "10.1.1.1", []string{"203.0.113.9"}, false, "10.1.1.1"},
		{"untrusted peer: the header is ignored", "198.51.100.7", []string{"203.0.113.9"}, true, "198.51.100.7"},
		{"trusted peer", "10.1.1.1", []string{"203.0.113.9"}, true, "203.0.113.9"},
		{"a chain of trusted proxies", "192.0.2.1", []string{"203.0.113.9, 10.2.2.2", "10.3.3.3"}, true, "203.0.113.9"},
		{"a spoofed left-most entry", "10.1.1.1", []string{"1.1.1.1, 203.0.113.9"}, true, "203.0.113.9"},
		{"a malformed entry", "10.1.1.1", []string{"203.0.113.9, bogus"}, true, "10.1.1.1"},
		{"only trusted entries", "10.1.1.1", []string{"10.2.2.2"}, true, "10.1.1.1"},
		{"no header", "10.1.1.1", nil, true, "10.1.1.1"},
		{"IPv6", "10.1.1.1", []string{"2001:db8::1"}, true, "2001:db8::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/oauth/token", nil)
			r.RemoteAddr = tt.peer + ":4711"
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			list := trusted
			if !tt.trusted {
				list = nil
			}
			if got := ClientIP(list)(r); got != tt.want {
				t.Fatalf("ClientIP = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParsePrefixesRefusesGarbage(t *testing.T) {
	if _, err := ParsePrefixes([]string{"10.0.0.0/33"}); err == nil {
		t.Fatal("accepted 10.0.0.0/33")
	}
	if _, err := ParsePrefixes([]string{"proxy.example"}); err == nil {
		t.Fatal("accepted a host name")
	}
}
