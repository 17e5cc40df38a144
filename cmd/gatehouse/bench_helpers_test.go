package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
)

// The benchmark tenant's fixed credentials (our client_id/client_secret
// extension), so request bodies are built once.
const (
	benchAudience  = "https://api.bench.test"
	benchM2MID     = "benchm2m000000000000000000000000"
	benchM2MSecret = "bench-m2m-secret-000000000000000000000000000000"
	benchWebID     = "benchweb000000000000000000000000"
	benchWebSecret = "bench-web-secret-000000000000000000000000000000"
	benchEmail     = "bench@gatehouse.test"
	benchPassword  = "Bench-Correct-Horse-42"
)

const benchTenant = `
tenant:
  friendly_name: Bench
  default_directory: Username-Password-Authentication
resourceServers:
  - name: Bench API
    identifier: ` + benchAudience + `
    signing_alg: RS256
    scopes: [{value: read:things, description: Read}]
clients:
  - name: Bench M2M
    app_type: non_interactive
    client_id: ` + benchM2MID + `
    client_secret: ` + benchM2MSecret + `
    grant_types: [client_credentials]
    token_endpoint_auth_method: client_secret_post
  - name: Bench Web
    app_type: regular_web
    client_id: ` + benchWebID + `
    client_secret: ` + benchWebSecret + `
    grant_types: [password]
    token_endpoint_auth_method: client_secret_post
clientGrants:
  - {client_id: Bench M2M, audience: ` + benchAudience + `, scope: [read:things]}
databases:
  - name: Username-Password-Authentication
    strategy: auth0
    enabled_clients: [Bench Web]
    options: {passwordPolicy: good, brute_force_protection: true}
`

// benchForms are the token requests the benchmarks send. The password
// grant names no scope, as the SDKs' passwordGrant does by default: like
// Auth0, Gatehouse then grants the standard OIDC scopes, so each grant
// signs an ID token besides the access token (two RS256 signatures).
var benchForms = map[string]string{
	"client_credentials": url.Values{"grant_type": {"client_credentials"},
		"client_id": {benchM2MID}, "client_secret": {benchM2MSecret},
		"audience": {benchAudience}}.Encode(),
	"password": url.Values{"grant_type": {"password"}, "client_id": {benchWebID},
		"client_secret": {benchWebSecret}, "audience": {benchAudience},
		"username": {benchEmail}, "password": {benchPassword}}.Encode(),
}

// startBenchServer runs the real program (SQLite, local TLS, JSON logs
// formatted and discarded) with the bench tenant and user.
func startBenchServer(b *testing.B) *Main {
	b.Helper()
	dir := b.TempDir()
	tenant := filepath.Join(dir, "tenant.yaml")
	if err := os.WriteFile(tenant, []byte(benchTenant), 0o600); err != nil {
		b.Fatal(err)
	}
	m := &Main{opts: options{data: dir, listen: "127.0.0.1:0", tenant: tenant},
		log: newLogger(io.Discard)}
	if err := m.Run(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { m.Close() })
	_, err := m.Users.CreateUser(context.Background(), authn.SignupInput{
		Connection: idp.DefaultConnection, Email: benchEmail, Password: benchPassword})
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// warmClients returns n clients, each with its own transport limited to
// one keep-alive connection, already handshaken. A transport with its own
// TLS config speaks HTTP/1.1, as curl, requests and Node's clients do here.
func warmClients(b *testing.B, m *Main, n int) chan *http.Client {
	b.Helper()
	pem, err := os.ReadFile(m.CAFile)
	if err != nil {
		b.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	clients := make(chan *http.Client, n)
	for range n {
		c := &http.Client{Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: roots},
			MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1,
		}}
		b.Cleanup(c.CloseIdleConnections)
		if code, _ := send(c, http.MethodGet, m.opts.issuer+"healthz", ""); code != 200 {
			b.Fatalf("warm-up: status %d", code)
		}
		clients <- c
	}
	return clients
}

// send makes one request, reads the body to the end (so the connection is
// reused) and returns the status and the time taken.
func send(c *http.Client, method, u, body string) (int, time.Duration) {
	start := time.Now()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, time.Since(start)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, time.Since(start)
}

// loadResult holds the latencies of one load run by HTTP status (0 for a
// transport error) and its wall time.
type loadResult struct {
	mu      sync.Mutex
	lat     map[int][]time.Duration
	elapsed time.Duration
}

// runLoad posts body to the token endpoint b.N times in total from conns
// keep-alive connections (rounded up to a multiple of GOMAXPROCS), each
// used by one goroutine. Only the requests are timed.
func runLoad(b *testing.B, m *Main, conns int, body string) *loadResult {
	procs := runtime.GOMAXPROCS(0)
	par := (conns + procs - 1) / procs
	clients := warmClients(b, m, par*procs)
	target := m.opts.issuer + "oauth/token"
	res := &loadResult{lat: map[int][]time.Duration{}}
	b.SetParallelism(par)
	b.ResetTimer()
	m0 := startMeter()
	b.RunParallel(func(pb *testing.PB) {
		c, local := <-clients, map[int][]time.Duration{}
		for pb.Next() {
			code, d := send(c, http.MethodPost, target, body)
			local[code] = append(local[code], d)
		}
		res.merge(local)
	})
	res.elapsed = m0.stop(b)
	b.StopTimer()
	b.ReportMetric(float64(par*procs), "conns")
	return res
}

func (r *loadResult) merge(local map[int][]time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for code, ds := range local {
		r.lat[code] = append(r.lat[code], ds...)
	}
}

// check fails the benchmark on any status not in allowed.
func (r *loadResult) check(b *testing.B, allowed ...int) {
	b.Helper()
	for code, ds := range r.lat {
		if !slices.Contains(allowed, code) {
			b.Fatalf("%d responses with status %d (0: transport error); allowed %v", len(ds), code, allowed)
		}
	}
}

// count is the number of responses with one of codes.
func (r *loadResult) count(codes ...int) int {
	n := 0
	for _, c := range codes {
		n += len(r.lat[c])
	}
	return n
}

// total is the number of requests sent.
func (r *loadResult) total() int {
	n := 0
	for _, ds := range r.lat {
		n += len(ds)
	}
	return n
}

// rate is responses with one of codes per second of wall time.
func (r *loadResult) rate(codes ...int) float64 {
	return float64(r.count(codes...)) / r.elapsed.Seconds()
}

// share is the fraction of requests answered with one of codes.
func (r *loadResult) share(codes ...int) float64 {
	return float64(r.count(codes...)) / float64(max(r.total(), 1))
}

// quantileMS is the q-quantile (nearest rank) of the latencies of the
// responses with one of codes, in milliseconds; 0 when there are none.
func (r *loadResult) quantileMS(q float64, codes ...int) float64 {
	var ds []time.Duration
	for _, c := range codes {
		ds = append(ds, r.lat[c]...)
	}
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := min(max(int(math.Ceil(q*float64(len(ds))))-1, 0), len(ds)-1)
	return float64(ds[i].Microseconds()) / 1000
}

// meter times a measured region: wall time, the CPU time the process
// actually got, and the time the Go scheduler had nothing to run. The
// machine's vCPUs are shared: "cpus" below GOMAXPROCS with "idle-procs"
// near 0 means other work took part of them during the run.
type meter struct {
	start     time.Time
	cpu, idle float64
}

func startMeter() meter { return meter{time.Now(), cpuSeconds(), goIdleSeconds()} }

// stop reports the CPUs used and the Ps left idle on average, and returns
// the wall time.
func (m meter) stop(b *testing.B) time.Duration {
	wall := time.Since(m.start)
	if cpu := cpuSeconds(); cpu > 0 {
		b.ReportMetric((cpu-m.cpu)/wall.Seconds(), "cpus")
	}
	b.ReportMetric((goIdleSeconds()-m.idle)/wall.Seconds(), "idle-procs")
	return wall
}

// goIdleSeconds is the runtime's estimate of the CPU time its Ps have had
// no Go code to run.
func goIdleSeconds() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/idle:cpu-seconds"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindFloat64 {
		return 0
	}
	return s[0].Value.Float64()
}

// cpuSeconds is the user and system time of every thread of this process,
// from /proc/self/stat (fields 14 and 15, in USER_HZ = 100 ticks per
// second); 0 where there is no /proc.
func cpuSeconds() float64 {
	b, err := os.ReadFile("/proc/self/stat")
	i := bytes.LastIndexByte(b, ')')
	if err != nil || i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	user, _ := strconv.ParseFloat(f[11], 64)
	sys, _ := strconv.ParseFloat(f[12], 64)
	return (user + sys) / 100
}
