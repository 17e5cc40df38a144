package jwtauth

import (
	"net/http"
	"testing"
)

func TestNoDowngrade(t *testing.T) {
	req := func(u string) *http.Request { r, _ := http.NewRequest(http.MethodGet, u, nil); return r }
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"https://a.example/jwks", "https://b.example/jwks", true},
		{"http://127.0.0.1/jwks", "http://127.0.0.1/keys", true},
		{"https://a.example/jwks", "http://a.example/jwks", false},
	}
	for _, tt := range tests {
		if err := noDowngrade(req(tt.to), []*http.Request{req(tt.from)}); (err == nil) != tt.ok {
			t.Errorf("%s -> %s: %v", tt.from, tt.to, err)
		}
	}
	via := make([]*http.Request, 5)
	for i := range via {
		via[i] = req("https://a.example/")
	}
	if noDowngrade(req("https://a.example/"), via) == nil {
		t.Error("a sixth redirect was followed")
	}
}
