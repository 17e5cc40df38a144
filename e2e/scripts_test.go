package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// python is Debian's interpreter, whose python3-jwt, -fastapi, -httpx,
// -requests and -uvicorn packages the seeds' code runs on.
const python = "/usr/bin/python3"

func TestPythonSeeds(t *testing.T) {
	g := need(t)
	requireTool(t, "Python seed clients", "apt-get install python3-jwt python3-fastapi python3-httpx python3-requests python3-uvicorn",
		python, "-c", "import jwt, cryptography, fastapi, httpx, requests, uvicorn")
	for _, script := range []string{"seed001_m2m.py", "seed003_signup_password.py", "seed004_public_private.py"} {
		t.Run(script, func(t *testing.T) {
			g.runClient(t, "python", python, script)
		})
	}
}

func TestNodeClients(t *testing.T) {
	g := need(t)
	if _, err := os.Stat(filepath.Join("node", "node_modules")); err != nil {
		missing(t, "Node clients", "e2e/node/node_modules is missing: run `npm ci --prefix e2e/node`")
	}
	requireTool(t, "Node clients", "install Node.js 20 or later", "node", "--version")
	for _, script := range []string{"auth0-legacy.mjs", "auth0-auth-js.mjs", "express-bearer.mjs", "openid-client.mjs"} {
		t.Run(script, func(t *testing.T) {
			g.runClient(t, "node", "node", script)
		})
	}
}

// runClient runs one script in dir with the server's settings in its
// environment and fails the test, showing its output, unless it exits 0.
func (g *gatehouse) runClient(t *testing.T, dir, interpreter, script string) {
	t.Parallel()
	c, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(c, interpreter, script)
	cmd.Dir = dir
	cmd.Env = g.clientEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s/%s: %v\n%s\n%s", interpreter, dir, script, err, out, g.logTail())
	}
	t.Logf("%s", out)
}

// requireTool checks that a command runs; when it does not, the test fails
// under CI=true (the README's test command installs everything) and skips
// on a developer machine that lacks the tool.
func requireTool(t *testing.T, what, fix string, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		missing(t, what, fix+": "+err.Error()+"\n"+string(out))
	}
}

func missing(t *testing.T, what, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s cannot run: %s", what, why)
	}
	t.Skipf("%s skipped: %s", what, why)
}
