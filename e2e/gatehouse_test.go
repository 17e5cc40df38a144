package e2e

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// gatehouse is one running server process and what its clients need.
type gatehouse struct {
	Domain string // localhost:PORT, what Auth0 SDKs call the domain
	Issuer string // https://localhost:PORT/ (trailing slash)
	CAFile string // PEM of the local CA that signed the server's certificate
	HTTP   *http.Client
	Tenant tenantFixture

	tenantPath string   // the tenant file it was started with
	env        []string // added to its environment, for ${VAR}s in that file

	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited
	waitErr error         // its exit status, once done is closed
	logPath string
}

var (
	srv       *gatehouse
	startErr  error
	trackOnce sync.Once

	serverBin string // the binary srv runs; other servers the tests start run it too
	workDir   string // the run's temporary directory, kept when a test fails

	laterMu sync.Mutex
	later   []*gatehouse // more servers, started by tests, stopped by TestMain
)

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run()) // each test skips itself
	}
	work, err := os.MkdirTemp("", "gatehouse-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	workDir = work
	srv, startErr = start(work)
	code := m.Run()
	if srv != nil && srv.stop() != nil {
		code = 1
	}
	if stopLater() != nil {
		code = 1
	}
	if code == 0 {
		os.RemoveAll(work)
	} else {
		fmt.Fprintf(os.Stderr, "e2e: the server's log and data are kept in %s\n", work)
	}
	os.Exit(code)
}

// need returns the running server, or skips (-short) or fails the test.
func need(t *testing.T) *gatehouse {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end tests do not run with -short")
	}
	// go test records the files a test opens only once m.Run has begun.
	trackOnce.Do(func() { trackInputs(os.Getenv("GATEHOUSE_E2E_BIN")) })
	if startErr != nil {
		t.Fatalf("gatehouse did not start: %v", startErr)
	}
	return srv
}

func start(work string) (*gatehouse, error) {
	tenant, err := loadTenant(tenantFile)
	if err != nil {
		return nil, err
	}
	bin := os.Getenv("GATEHOUSE_E2E_BIN") // a prebuilt binary, e.g. a release
	if bin == "" {
		bin = filepath.Join(work, "gatehouse")
		if err := build(bin); err != nil {
			return nil, err
		}
	}
	serverBin = bin
	return launchServer(bin, work, tenantFile, tenant, nil)
}

// launchServer starts bin on tenantPath, with its data and log under dir
// and env added to its environment, and waits until it is ready.
func launchServer(bin, dir, tenantPath string, tenant tenantFixture, env []string) (*gatehouse, error) {
	g := &gatehouse{Tenant: tenant, tenantPath: tenantPath, env: env, logPath: filepath.Join(dir, "gatehouse.log")}
	err := g.launch(bin, dir)
	if err == nil {
		err = g.waitReady()
	}
	if err != nil {
		g.stop()
		return nil, fmt.Errorf("%w\n%s", err, g.logTail())
	}
	return g, nil
}

// stopWhenDone has TestMain stop g after the tests, as it stops srv.
func stopWhenDone(g *gatehouse) {
	laterMu.Lock()
	defer laterMu.Unlock()
	later = append(later, g)
}

func stopLater() error {
	laterMu.Lock()
	defer laterMu.Unlock()
	var errs []error
	for _, g := range later {
		errs = append(errs, g.stop())
	}
	return errors.Join(errs...)
}

// build compiles the real binary from the module root (the parent directory).
func build(bin string) error {
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/gatehouse")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/gatehouse: %v\n%s", err, out)
	}
	return nil
}

func (g *gatehouse) launch(bin, work string) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	g.Domain = fmt.Sprintf("localhost:%d", port)
	g.Issuer = "https://" + g.Domain + "/"
	tenant, err := filepath.Abs(g.tenantPath)
	if err != nil {
		return err
	}
	g.cmd = exec.Command(bin, "serve",
		"--listen", fmt.Sprintf("127.0.0.1:%d", port), "--issuer", g.Issuer,
		"--data", filepath.Join(work, "data"), "--tenant", tenant)
	stderr, err := g.cmd.StderrPipe()
	if err != nil {
		return err
	}
	g.cmd.Env = append(os.Environ(), g.env...)
	g.cmd.Stdout = os.Stdout
	if err := g.cmd.Start(); err != nil {
		return err
	}
	ready := make(chan readyLine, 1)
	go g.readLog(stderr, ready)
	g.done = make(chan struct{})
	go func() { g.waitErr = g.cmd.Wait(); close(g.done) }()
	return g.awaitReadyLine(ready)
}

// readyLine is the one JSON log line the server prints when it is ready.
type readyLine struct {
	Msg    string `json:"msg"`
	Issuer string `json:"issuer"`
	Addr   string `json:"addr"`
	CAFile string `json:"ca_file"`
}

// readLog copies the server's stderr to a file and reports the ready line.
func (g *gatehouse) readLog(r io.Reader, ready chan<- readyLine) {
	f, err := os.Create(g.logPath)
	if err != nil {
		f = nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if f != nil {
			f.Write(append(sc.Bytes(), '\n'))
		}
		var l readyLine
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == "gatehouse ready" {
			ready <- l
		}
	}
	if f != nil {
		f.Close()
	}
}

func (g *gatehouse) awaitReadyLine(ready <-chan readyLine) error {
	select {
	case l := <-ready:
		if l.Issuer != g.Issuer || l.CAFile == "" {
			return fmt.Errorf("ready line has issuer %q ca_file %q; want issuer %q and a CA file", l.Issuer, l.CAFile, g.Issuer)
		}
		g.CAFile = l.CAFile
		return nil
	case <-g.done:
		return fmt.Errorf("gatehouse exited before it was ready: %v", g.waitErr)
	case <-time.After(60 * time.Second):
		return errors.New("no \"gatehouse ready\" log line within 60s")
	}
}

func (g *gatehouse) waitReady() error {
	client, err := trustingClient(g.CAFile)
	if err != nil {
		return err
	}
	g.HTTP = client
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := client.Get(g.Issuer + "readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("GET /readyz: %s", resp.Status)
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// stop sends SIGTERM and expects a clean exit within 15 seconds.
func (g *gatehouse) stop() error {
	if g.cmd == nil || g.cmd.Process == nil {
		return nil
	}
	g.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-g.done:
		if g.waitErr != nil {
			fmt.Fprintf(os.Stderr, "gatehouse did not exit cleanly on SIGTERM: %v\n%s", g.waitErr, g.logTail())
		}
		return g.waitErr
	case <-time.After(15 * time.Second):
		g.cmd.Process.Kill()
		<-g.done
		fmt.Fprintf(os.Stderr, "gatehouse ignored SIGTERM for 15s; killed\n%s", g.logTail())
		return errors.New("gatehouse ignored SIGTERM")
	}
}

// logTail returns the last lines the server logged, for failure messages.
func (g *gatehouse) logTail() string {
	b, _ := os.ReadFile(g.logPath)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return "--- gatehouse log (tail) ---\n" + strings.Join(lines, "\n")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// trustingClient is an HTTP client that trusts only the server's local CA.
func trustingClient(caFile string) (*http.Client, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", caFile)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr, Timeout: 20 * time.Second}, nil
}
