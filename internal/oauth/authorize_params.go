package oauth

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// maxParam bounds every /authorize parameter.
const maxParam = 2048

// Response modes (contract §4.2, §4.4).
const (
	modeQuery      = "query"
	modeFragment   = "fragment"
	modeFormPost   = "form_post"
	modeWebMessage = "web_message"
)

// authRequest is a parsed /authorize request (§4.1). Unknown parameters,
// auth0Client among them, are ignored (§1.3).
type authRequest struct {
	ClientID, RedirectURI, ResponseType, ResponseMode string
	Scope, Audience, State, Nonce                     string
	CodeChallenge, CodeChallengeMethod                string
	Prompt, Connection, LoginHint, ScreenHint         string
	MaxAge                                            string
	types                                             responseTypes
}

// responseTypes is response_type as a set.
type responseTypes struct{ code, token, idToken bool }

// implicit reports whether tokens travel in the response (implicit or hybrid).
func (t responseTypes) implicit() bool { return t.token || t.idToken }

// parseAuthRequest reads the query (GET) or form (POST); the first value of
// a repeated parameter counts. The second result names a parameter longer
// than allowed.
func parseAuthRequest(q url.Values) (authRequest, string) {
	a := authRequest{}
	fields := []struct {
		name string
		dst  *string
	}{
		{"client_id", &a.ClientID}, {"redirect_uri", &a.RedirectURI}, {"response_type", &a.ResponseType},
		{"response_mode", &a.ResponseMode}, {"scope", &a.Scope}, {"audience", &a.Audience},
		{"state", &a.State}, {"nonce", &a.Nonce}, {"code_challenge", &a.CodeChallenge},
		{"code_challenge_method", &a.CodeChallengeMethod}, {"prompt", &a.Prompt},
		{"connection", &a.Connection}, {"login_hint", &a.LoginHint}, {"screen_hint", &a.ScreenHint},
		{"max_age", &a.MaxAge},
	}
	for _, f := range fields {
		*f.dst = q.Get(f.name)
		if len(*f.dst) > maxParam {
			return a, f.name
		}
	}
	return a, ""
}

// parseResponseType splits response_type into a set; ok is false for an
// empty value, an unknown word or a repeated one.
func parseResponseType(s string) (responseTypes, bool) {
	var t responseTypes
	words := strings.Fields(s)
	for _, w := range words {
		var seen *bool
		switch w {
		case "code":
			seen = &t.code
		case "token":
			seen = &t.token
		case "id_token":
			seen = &t.idToken
		default:
			return t, false
		}
		if *seen {
			return t, false
		}
		*seen = true
	}
	return t, len(words) > 0
}

// defaultMode is query for code and fragment when tokens are returned (§4.2).
func (t responseTypes) defaultMode() string {
	if t.implicit() {
		return modeFragment
	}
	return modeQuery
}

// validMode reports whether m is a response mode we answer with.
func validMode(m string) bool {
	return slices.Contains([]string{modeQuery, modeFragment, modeFormPost, modeWebMessage}, m)
}

// prompts returns the prompt values.
func (a *authRequest) prompts() []string { return strings.Fields(a.Prompt) }

// hasPrompt reports whether prompt includes p.
func (a *authRequest) hasPrompt(p string) bool { return slices.Contains(a.prompts(), p) }

// maxAge parses max_age: -1 when absent, ok false unless a non-negative
// integer.
func (a *authRequest) maxAge() (int, bool) {
	if a.MaxAge == "" {
		return -1, true
	}
	n, err := strconv.Atoi(a.MaxAge)
	return n, err == nil && n >= 0
}

// transaction is the request as the login pages and resume see it.
func (a *authRequest) transaction(id, mode, audience string, maxAge int) idp.Transaction {
	return idp.Transaction{
		ID: id, ClientID: a.ClientID, RedirectURI: a.RedirectURI, ResponseType: a.ResponseType,
		ResponseMode: mode, Scope: a.Scope, Audience: audience, State: a.State, Nonce: a.Nonce,
		CodeChallenge: a.CodeChallenge, CodeChallengeMethod: a.CodeChallengeMethod,
		Prompt: a.Prompt, MaxAge: maxAge, Connection: a.Connection, LoginHint: a.LoginHint,
		ScreenHint: a.ScreenHint,
	}
}

// requestOf rebuilds the request from a resumed Transaction.
func requestOf(t idp.Transaction) authRequest {
	a := authRequest{
		ClientID: t.ClientID, RedirectURI: t.RedirectURI, ResponseType: t.ResponseType,
		ResponseMode: t.ResponseMode, Scope: t.Scope, Audience: t.Audience, State: t.State,
		Nonce: t.Nonce, CodeChallenge: t.CodeChallenge, CodeChallengeMethod: t.CodeChallengeMethod,
		Prompt: t.Prompt, Connection: t.Connection, LoginHint: t.LoginHint, ScreenHint: t.ScreenHint,
	}
	a.types, _ = parseResponseType(t.ResponseType)
	return a
}
