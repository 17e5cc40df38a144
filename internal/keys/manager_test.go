package keys

import (
	"context"
	"crypto/x509"
	"errors"
	"slices"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func TestLoadCreatesOneKeyPerAlgAndKeepsIt(t *testing.T) {
	s, clk := openStore(t), newClock()
	m := loaded(t, s, clk)
	first := m.List()
	if len(first) != 2 {
		t.Fatalf("List = %+v, want one key per algorithm", first)
	}
	for _, alg := range algorithms {
		if currentKID(storeKeys(t, s), alg) == "" {
			t.Errorf("no current %s key stored", alg)
		}
	}
	if err := m.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	again := loaded(t, s, clk) // a restart
	if !slices.Equal(ids(first), ids(m.List())) || !slices.Equal(ids(first), ids(again.List())) {
		t.Fatalf("keys changed on reload:\n%+v\n%+v\n%+v", first, m.List(), again.List())
	}
}

func ids(list []KeyInfo) []string {
	var out []string
	for _, k := range list {
		out = append(out, k.KID+" "+k.Alg+" "+k.State)
	}
	return out
}

func TestPrivateKeysSealedAtRest(t *testing.T) {
	s := openStore(t)
	loaded(t, s, newClock())
	for _, k := range storeKeys(t, s) {
		if _, err := x509.ParsePKCS8PrivateKey(k.PrivateKey); err == nil {
			t.Errorf("key %s stored as plain PKCS#8", k.KID)
		}
	}
}

func TestSignVerifiesAgainstJWKS(t *testing.T) {
	m := loaded(t, openStore(t), newClock())
	set := parseJWKS(t, m.JWKS())
	payload := []byte(`{"sub":"auth0|1","aud":"api"}`)
	for _, alg := range algorithms {
		for _, typ := range types {
			tok, err := m.Sign(alg, typ, payload)
			if err != nil {
				t.Fatalf("%s %s: %v", alg, typ, err)
			}
			h := header(t, tok)
			if len(h) != 3 || h["alg"] != alg || h["typ"] != typ || h["kid"] == "" {
				t.Errorf("%s %s: header = %v", alg, typ, h)
			}
			verify(t, set, tok, h["kid"], payload)
			pub, palg, ok := m.PublicKey(h["kid"])
			if !ok || palg != alg || !sameKey(pub, set.Key(h["kid"])[0].Key) {
				t.Errorf("PublicKey(%s) = %v, %q, %v", h["kid"], pub, palg, ok)
			}
		}
	}
}

func verify(t *testing.T, set jose.JSONWebKeySet, tok, kid string, want []byte) {
	t.Helper()
	jws, err := jose.ParseSigned(tok, []jose.SignatureAlgorithm{jose.RS256, jose.ES256})
	if err != nil {
		t.Fatal(err)
	}
	keys := set.Key(kid)
	if len(keys) != 1 {
		t.Fatalf("kid %s: %d keys in JWKS", kid, len(keys))
	}
	got, err := jws.Verify(keys[0])
	if err != nil || string(got) != string(want) {
		t.Fatalf("Verify = %q, %v", got, err)
	}
}

func TestWrongMasterSecretFailsClearly(t *testing.T) {
	s, clk := openStore(t), newClock()
	loaded(t, s, clk)
	m := newManager(t, s, []byte("not the master secret we used"), clk)
	err := m.Load(context.Background())
	if !errors.Is(err, ErrOpen) {
		t.Fatalf("Load with wrong master: %v, want ErrOpen", err)
	}
	if _, err := m.Sign("RS256", TypeJWT, []byte(`{}`)); idp.ErrorCode(err) != idp.EUnavailable {
		t.Fatalf("Sign without keys: %v, want EUnavailable", err)
	}
}

func TestUnknownAlgAndTypRefused(t *testing.T) {
	m := loaded(t, openStore(t), newClock())
	for _, alg := range []string{"HS256", "none", "PS256", "rs256", ""} {
		if _, err := m.Sign(alg, TypeJWT, []byte(`{}`)); idp.ErrorCode(err) != idp.EInvalid {
			t.Errorf("Sign(%q): %v, want EInvalid", alg, err)
		}
		if err := m.Rotate(context.Background(), alg, 0); idp.ErrorCode(err) != idp.EInvalid {
			t.Errorf("Rotate(%q): %v, want EInvalid", alg, err)
		}
	}
	if _, err := m.Sign("RS256", "JWS", []byte(`{}`)); idp.ErrorCode(err) != idp.EInvalid {
		t.Errorf("Sign with typ JWS: %v, want EInvalid", err)
	}
}

func TestReloadUnchangedKeepsSnapshot(t *testing.T) {
	m := loaded(t, openStore(t), newClock())
	before := m.snap.Load()
	if err := m.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if m.snap.Load() != before {
		t.Fatal("Reload rebuilt the key set although nothing changed")
	}
}
