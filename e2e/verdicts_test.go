package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/pem"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/jwtauth"
	"github.com/gatehouse/gatehouse/jwtauth/jwtauthtest"
)

// legitimateDifferences are the attack-list tokens that jwtauth refuses
// and express-oauth2-jwt-bearer with its defaults (non-strict) accepts,
// each with the reason jwtauth is right to. Every other token gets the
// same verdict from both; the test fails if this list is not exact.
var legitimateDifferences = map[string]string{
	// RFC 8725 §3.5: a key source named by the token is never trusted, and
	// a token carrying one is refused outright; express just ignores it.
	"jku on a token we signed": "jku header refused",
	// RFC 9068 §4 / RFC 8725 §3.11: typ, when present, must say JWT or
	// at+jwt; express checks typ only in strict mode.
	"typ id_token": "typ must be JWT or at+jwt",
	"typ JOSE":     "typ must be JWT or at+jwt",
	// An ID token (nonce or at_hash, OIDC Core §2) is not an access token
	// even when an API identifier equals its audience.
	"ID token with our audience and a nonce": "ID token claims refused",
	"ID token with our audience and at_hash": "ID token claims refused",
	// RFC 8725 §2.8: no nested tokens; express ignores cty.
	"cty JWT (nested token)": "cty refused",
	// RFC 7519 §4.1.6 leaves iat unchecked; jwtauth refuses one beyond the
	// leeway in the future, jose only checks iat with maxTokenAge.
	"iat in the future": "iat in the future refused",
}

// TestExpressAgreesWithJWTAuth gives every token of the attack list to
// jwtauth and to express-oauth2-jwt-bearer (e2e/node/verdicts.mjs), both
// configured alike for one issuer whose discovery document and JWKS are
// served over TLS, and compares their verdicts: express with its defaults
// differs exactly on legitimateDifferences; express given custom
// validators for jwtauth's policy agrees on every token.
func TestExpressAgreesWithJWTAuth(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end tests do not run with -short")
	}
	nodeReady(t)
	k := attackKeys{good: jwtauthtest.NewRSAKey("good-rsa"), ec: jwtauthtest.NewECKey("good-ec"),
		evil: jwtauthtest.NewRSAKey("evil")}
	srv := jwtauthtest.NewTLSServer(k.good, k.ec)
	defer srv.Close()
	other := jwtauthtest.NewTLSServer(jwtauthtest.NewRSAKey("good-rsa"))
	defer other.Close()
	v, err := jwtauth.New(t.Context(), jwtauth.Config{Issuer: srv.Issuer(), HTTPClient: srv.Client(),
		Audiences: []string{jwtauthtest.DefaultAudience}, Algorithms: []string{"RS256", "ES256"}})
	if err != nil {
		t.Fatal(err)
	}
	attacks := attackTokens(t, srv, other, k, time.Now())
	ours := make([]bool, len(attacks))
	for i, a := range attacks {
		_, err := v.Validate(t.Context(), a.token)
		ours[i] = err == nil
	}
	t.Run("express defaults", func(t *testing.T) {
		differ := compareVerdicts(t, attacks, ours, expressVerdicts(t, srv, attacks, ""))
		want := slices.Sorted(maps.Keys(legitimateDifferences))
		if !slices.Equal(differ, want) {
			t.Errorf("tokens jwtauth refuses and express accepts:\n got  %q\n want %q", differ, want)
		}
	})
	t.Run("express with jwtauth's policy", func(t *testing.T) {
		differ := compareVerdicts(t, attacks, ours, expressVerdicts(t, srv, attacks, "jwtauth"))
		if len(differ) > 0 {
			t.Errorf("tokens jwtauth refuses and express accepts: %q", differ)
		}
	})
}

// compareVerdicts fails on a token jwtauth accepts and express refuses and
// returns, sorted, the names of those jwtauth refuses and express accepts.
func compareVerdicts(t *testing.T, attacks []attack, ours []bool, express []verdict) []string {
	t.Helper()
	var differ []string
	for i, a := range attacks {
		theirs := express[i].Verdict == "accept"
		switch {
		case ours[i] == theirs:
		case ours[i]:
			t.Errorf("%s: jwtauth accepts, express rejects (%d %s)", a.name, express[i].Status, express[i].Error)
		default:
			differ = append(differ, a.name)
		}
		t.Logf("%-55s jwtauth %-6v express %s %d", a.name, ours[i], express[i].Verdict, express[i].Status)
	}
	slices.Sort(differ)
	return differ
}

// verdict is one line of verdicts.mjs.
type verdict struct {
	Verdict string `json:"verdict"`
	Status  int    `json:"status"`
	Error   string `json:"error"`
}

// expressVerdicts runs the Node script on the tokens, one per line.
// policy "jwtauth" adds the validators of jwtauth's policy.
func expressVerdicts(t *testing.T, srv *jwtauthtest.Server, attacks []attack, policy string) []verdict {
	t.Helper()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "verdicts.mjs")
	cmd.Dir = "node"
	cmd.Env = append(os.Environ(), "NODE_EXTRA_CA_CERTS="+ca, "VERDICT_ISSUER="+srv.Issuer(),
		"VERDICT_AUDIENCE="+jwtauthtest.DefaultAudience, "VERDICT_CLOCK_TOLERANCE=30",
		"VERDICT_POLICY="+policy)
	var in strings.Builder
	for _, a := range attacks {
		in.WriteString(a.token + "\n")
	}
	cmd.Stdin = strings.NewReader(in.String())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node verdicts.mjs: %v\n%s", err, stderr.String())
	}
	var vs []verdict
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		var v verdict
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("verdicts.mjs printed %q", sc.Text())
		}
		vs = append(vs, v)
	}
	if len(vs) != len(attacks) {
		t.Fatalf("verdicts.mjs gave %d verdicts for %d tokens\n%s", len(vs), len(attacks), stderr.String())
	}
	return vs
}

// nodeReady skips (or fails under CI) when Node or the packages are missing.
func nodeReady(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join("node", "node_modules", "express-oauth2-jwt-bearer")); err != nil {
		missing(t, "express-oauth2-jwt-bearer", "e2e/node/node_modules is missing: run `npm ci --prefix e2e/node`")
	}
	requireTool(t, "Node clients", "install Node.js 20 or later", "node", "--version")
}
