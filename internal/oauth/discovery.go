package oauth

import (
	"encoding/json"
	"net/http"
)

// discovery is the OpenID Provider metadata, with Auth0's fields in
// Auth0's order (§2.1). Endpoints Gatehouse does not serve (device code,
// MFA, dynamic registration) are left out; /authorize is listed as Auth0
// lists it.
type discovery struct {
	Issuer                        string   `json:"issuer"`
	AuthorizationEndpoint         string   `json:"authorization_endpoint"`
	TokenEndpoint                 string   `json:"token_endpoint"`
	UserinfoEndpoint              string   `json:"userinfo_endpoint"`
	JWKSURI                       string   `json:"jwks_uri"`
	RevocationEndpoint            string   `json:"revocation_endpoint"`
	ScopesSupported               []string `json:"scopes_supported"`
	ResponseTypesSupported        []string `json:"response_types_supported"`
	CodeChallengeMethodsSupported []string `json:"code_challenge_methods_supported"`
	ResponseModesSupported        []string `json:"response_modes_supported"`
	SubjectTypesSupported         []string `json:"subject_types_supported"`
	// IDTokenSigningAlgs doubles as express-oauth2-jwt-bearer's allow-list
	// for access-token algorithms, so it names every algorithm we sign
	// with, though ID tokens are always RS256.
	IDTokenSigningAlgs         []string `json:"id_token_signing_alg_values_supported"`
	TokenEndpointAuthMethods   []string `json:"token_endpoint_auth_methods_supported"`
	ClaimsSupported            []string `json:"claims_supported"`
	RequestURIParameterSupport bool     `json:"request_uri_parameter_supported"`
	RequestParameterSupported  bool     `json:"request_parameter_supported"`
}

// discoveryDocument renders the document for issuer once.
func discoveryDocument(issuer string) []byte {
	d := discovery{
		Issuer:                issuer,
		AuthorizationEndpoint: endpoint(issuer, "/authorize"),
		TokenEndpoint:         endpoint(issuer, "/oauth/token"),
		UserinfoEndpoint:      endpoint(issuer, "/userinfo"),
		JWKSURI:               endpoint(issuer, "/.well-known/jwks.json"),
		RevocationEndpoint:    endpoint(issuer, "/oauth/revoke"),
		ScopesSupported: []string{"openid", "profile", "offline_access", "name", "given_name",
			"family_name", "nickname", "email", "email_verified", "picture", "created_at",
			"identities", "phone", "address"},
		ResponseTypesSupported: []string{"code", "token", "id_token", "code token",
			"code id_token", "token id_token", "code token id_token"},
		// Only S256: Auth0 lists plain too, but its docs say S256 alone works (pkce.go).
		CodeChallengeMethodsSupported: []string{"S256"},
		ResponseModesSupported:        []string{"query", "fragment", "form_post"},
		SubjectTypesSupported:         []string{"public"},
		IDTokenSigningAlgs:            []string{"RS256", "ES256"},
		TokenEndpointAuthMethods:      []string{"client_secret_basic", "client_secret_post"},
		ClaimsSupported: []string{"aud", "auth_time", "created_at", "email", "email_verified",
			"exp", "family_name", "given_name", "iat", "identities", "iss", "name", "nickname",
			"phone_number", "picture", "sub"},
	}
	b, _ := json.MarshalIndent(d, "", "  ")
	return append(b, '\n')
}

// serveDiscovery is GET /.well-known/openid-configuration. Clients cache
// it for minutes (express-oauth2-jwt-bearer: 10).
func (h *Handler) serveDiscovery(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(h.discovery)
}

// serveJWKS is GET /.well-known/jwks.json. The cache is short so a
// rotation's next key reaches clients soon.
func (h *Handler) serveJWKS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Write(h.Keys.JWKS())
}
