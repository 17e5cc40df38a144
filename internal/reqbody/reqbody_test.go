package reqbody

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

type sample struct {
	GrantType string `json:"grant_type"`
	Audience  string `json:"audience"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, ctype, body string
		want              sample
		err               error
	}{
		{"json", "application/json", `{"grant_type":"password","audience":"a"}`, sample{"password", "a"}, nil},
		{"json charset", "application/json; charset=utf-8", `{"grant_type":"x"}`, sample{GrantType: "x"}, nil},
		{"form", "application/x-www-form-urlencoded", "grant_type=client_credentials&audience=https%3A%2F%2Fapi", sample{"client_credentials", "https://api"}, nil},
		{"form first value", "application/x-www-form-urlencoded", "audience=a&audience=b", sample{Audience: "a"}, nil},
		{"bad json", "application/json", `{"grant_type":`, sample{}, ErrMalformed},
		{"json wrong type", "application/json", `{"grant_type":5}`, sample{}, ErrMalformed},
		{"bad form", "application/x-www-form-urlencoded", "a=%zz", sample{}, ErrMalformed},
		{"text", "text/plain", "grant_type=x", sample{}, ErrMediaType},
		{"none", "", "{}", sample{}, ErrMediaType},
		{"too large", "application/json", `{"audience":"` + strings.Repeat("a", MaxBytes) + `"}`, sample{}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.ctype)
			var got sample
			err := Decode(r, &got)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err == nil && got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
