package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// chromium is Debian's browser; the tests never download one.
const chromium = "/usr/bin/chromium"

// browserModules are the npm packages the browser scripts and pages load.
var browserModules = []string{"playwright-core", "@auth0/auth0-spa-js", "auth0-js", "openid-client"}

// TestBrowser signs users in with Debian's Chromium, driven by
// playwright-core, through the hosted login page, with the SDKs as a
// browser app uses them. Each scenario is one script in node/.
func TestBrowser(t *testing.T) {
	b := needBrowser(t)
	scenarios := []struct{ name, script string }{
		{"spa-js/refresh-tokens", "browser-spa.mjs"},
		{"spa-js/iframe", "browser-spa.mjs"},
		{"auth0-js/popup-implicit", "browser-auth0-js.mjs"},
		{"openid-client/code-pkce", "browser-code-flow.mjs"},
		{"spa-js/signup", "browser-signup.mjs"},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			email := b.srv.signup(t)
			b.runScript(t, s.script, "E2E_SCENARIO="+s.name, "E2E_EMAIL="+email)
		})
	}
}

var (
	nssOnce sync.Once
	nssErr  error
)

// needBrowser is needBrowserServer plus what a browser run needs: Node and
// the npm packages, Chromium, and a HOME whose NSS database trusts the
// server's CA, as a user trusts a local CA (certutil, libnss3-tools).
func needBrowser(t *testing.T) *browserEnv {
	t.Helper()
	need(t) // -short skips before any tool is looked for
	for _, m := range browserModules {
		if _, err := os.Stat(filepath.Join("node", "node_modules", m)); err != nil {
			missing(t, "Browser tests", "e2e/node/node_modules/"+m+" is missing: run `npm ci --prefix e2e/node`")
		}
	}
	requireTool(t, "Browser tests", "install Node.js 20 or later", "node", "--version")
	requireTool(t, "Browser tests", "apt-get install chromium", chromium, "--version")
	if _, err := exec.LookPath("certutil"); err != nil {
		missing(t, "Browser tests", "apt-get install libnss3-tools (certutil): "+err.Error())
	}
	b := needBrowserServer(t)
	nssOnce.Do(func() { nssErr = b.trustCA() })
	if nssErr != nil {
		t.Fatalf("trusting the server's CA in an NSS database: %v", nssErr)
	}
	return b
}

// trustCA makes a HOME for the browser whose NSS database (Chromium's
// certificate store on Linux) trusts the server's CA for TLS servers.
func (b *browserEnv) trustCA() error {
	home := filepath.Join(workDir, "browser", "home")
	db := filepath.Join(home, ".pki", "nssdb")
	if err := os.MkdirAll(db, 0o700); err != nil {
		return err
	}
	for _, args := range [][]string{
		{"-N", "-d", "sql:" + db, "--empty-password"},
		{"-A", "-d", "sql:" + db, "-n", "gatehouse e2e CA", "-t", "C,,", "-i", b.srv.CAFile},
	} {
		if out, err := exec.Command("certutil", args...).CombinedOutput(); err != nil {
			return &certutilError{"certutil", args, err, out}
		}
	}
	b.homeDir = home
	return nil
}

// runScript runs node/script with the settings of b in its environment
// and fails the test, showing the script's trace, unless it exits 0.
func (b *browserEnv) runScript(t *testing.T, script string, env ...string) {
	c, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(c, "node", script)
	cmd.Dir = "node"
	cmd.Env = append(b.scriptEnv(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node node/%s: %v\n%s\n%s", script, err, out, b.srv.logTail())
	}
	t.Logf("%s", out)
}

func (b *browserEnv) scriptEnv() []string {
	return append(os.Environ(),
		"GATEHOUSE_DOMAIN="+b.srv.Domain,
		"E2E_APP="+b.app,
		"E2E_SPA_CLIENT_ID="+b.spa.ID,
		"E2E_WEB_CLIENT_ID="+b.webApp.ID,
		"E2E_WEB_CLIENT_SECRET="+b.webApp.Secret,
		"E2E_API_AUDIENCE="+b.api,
		"E2E_FRUIT_AUDIENCE="+b.fruit,
		"E2E_CHROMIUM="+chromium,
		"HOME="+b.homeDir, // Chromium reads ~/.pki/nssdb
		"NODE_EXTRA_CA_CERTS="+b.srv.CAFile,
	)
}

// certutilError is a failed certutil command with its output.
type certutilError struct {
	name string
	args []string
	err  error
	out  []byte
}

func (e *certutilError) Error() string {
	return fmt.Sprintf("%s %s: %v\n%s", e.name, strings.Join(e.args, " "), e.err, e.out)
}
