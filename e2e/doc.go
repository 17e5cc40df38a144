// Package e2e runs clients that nobody in this project wrote against a real
// gatehouse process over HTTPS on loopback: the seeds' Python (PyJWT,
// requests, httpx, FastAPI), Auth0's Node SDKs with express-oauth2-jwt-bearer
// and openid-client, and Go's x/oauth2 and go-oidc. The package holds tests
// only; see README.md for what they need.
//
// One server serves the whole package: TestMain builds ./cmd/gatehouse,
// starts `gatehouse serve` with testdata/tenant.yaml and a temporary data
// directory, waits for its ready line and /readyz, and stops it with SIGTERM.
// The browser tests start a second one, on testdata/browser-tenant.yaml,
// beside a static app on loopback, and sign in with Debian's Chromium.
package e2e
