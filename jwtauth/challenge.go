package jwtauth

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// challenge is one RFC 6750 §3 WWW-Authenticate value and JSON body.
type challenge struct {
	realm       string
	code        string // error: invalid_request, invalid_token, insufficient_scope
	description string
	scope       string // for insufficient_scope: what would have sufficed
}

func (c challenge) header() string {
	var b strings.Builder
	b.WriteString("Bearer")
	sep := " "
	attr := func(name, value string) {
		if value != "" {
			b.WriteString(sep + name + `="` + quotable(value) + `"`)
			sep = ", "
		}
	}
	attr("realm", c.realm)
	attr("error", c.code)
	attr("error_description", c.description)
	attr("scope", c.scope)
	return b.String()
}

// quotable keeps the characters RFC 6750 §3 allows in attribute values
// (%x20-21 / %x23-5B / %x5D-7E) and turns the rest into '?'.
func quotable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '?'
		}
		return r
	}, s)
}

func writeChallenge(w http.ResponseWriter, status int, c challenge) {
	w.Header().Set("WWW-Authenticate", c.header())
	writeJSON(w, status, c.code, c.description)
}

// writeMissing answers a request that sent no credentials: the challenge
// carries no error code (RFC 6750 §3.1); the body still explains.
func writeMissing(w http.ResponseWriter, realm string) {
	w.Header().Set("WWW-Authenticate", challenge{realm: realm}.header())
	writeJSON(w, http.StatusUnauthorized, "unauthorized", "bearer token required")
}

// writeUnavailable answers 503 when the issuer's keys cannot be had: the
// token may be fine, and the client may retry.
func writeUnavailable(w http.ResponseWriter, retry time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int(retry/time.Second))))
	writeJSON(w, http.StatusServiceUnavailable, "temporarily_unavailable",
		"the token issuer's signing keys are unavailable")
}

func writeJSON(w http.ResponseWriter, status int, code, description string) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}{code, description})
}
