package keys

import (
	"crypto"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Token types (the JWT "typ" header) Sign accepts: "JWT" for Auth0-profile
// tokens, "at+jwt" for RFC 9068 access tokens (contract §10.1).
const (
	TypeJWT   = "JWT"
	TypeAtJWT = "at+jwt"
)

// types lists the token types a signer is built for when a key loads.
var types = []string{TypeJWT, TypeAtJWT}

// newSigner builds the go-jose signer whose protected header is exactly
// {"alg","kid","typ"}: the kid comes from the JWK, typ from the options.
func newSigner(kid, alg, typ string, priv crypto.Signer) (jose.Signer, error) {
	key := jose.SigningKey{
		Algorithm: jose.SignatureAlgorithm(alg),
		Key:       jose.JSONWebKey{Key: priv, KeyID: kid, Algorithm: alg},
	}
	return jose.NewSigner(key, (&jose.SignerOptions{}).WithType(jose.ContentType(typ)))
}

// Sign returns payload as a compact JWS signed with the current key for
// alg (RS256 or ES256), with typ as the "typ" header (TypeJWT or
// TypeAtJWT). It is safe for concurrent use and parses nothing.
func (m *Manager) Sign(alg, typ string, payload []byte) (string, error) {
	if err := checkAlg(alg); err != nil {
		return "", err
	}
	e := m.snap.Load().current[alg]
	if e == nil {
		return "", idp.Errorf(idp.EUnavailable, "no current %s signing key", alg)
	}
	signer, ok := e.signers[typ]
	if !ok {
		return "", idp.Errorf(idp.EInvalid, "unsupported token type %q", typ)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}
