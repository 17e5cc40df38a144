package jwtauthtest

import (
	"encoding/base64"
	"encoding/json"
	"maps"

	jose "github.com/go-jose/go-jose/v4"
)

// SignNone returns the token unsigned with alg "none" (RFC 7519 §6).
func (b *Builder) SignNone() string {
	h := b.kidHeaders()
	h["alg"] = "none"
	return segment(h) + "." + base64.RawURLEncoding.EncodeToString(b.body()) + "."
}

// SignHMAC signs with an HMAC algorithm and the given secret: pass
// Key.PublicKeyPEM() for the classic RS256-to-HS256 confusion attack.
func (b *Builder) SignHMAC(alg jose.SignatureAlgorithm, secret []byte) string {
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: secret},
		&jose.SignerOptions{ExtraHeaders: b.kidHeaders()})
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	obj, err := s.Sign(b.body())
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	tok, _ := obj.CompactSerialize()
	return tok
}

// kidHeaders are the headers with the signing key's kid unless overridden.
func (b *Builder) kidHeaders() map[jose.HeaderKey]any {
	h := maps.Clone(b.headers)
	if _, ok := h["kid"]; !ok && b.key.ID != "" {
		h["kid"] = b.key.ID
	}
	return h
}

func segment(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		panic("jwtauthtest: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}
