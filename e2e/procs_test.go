package e2e

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// helperProc is a helper process of a test (a dev server, an example API, the
// gateway), its output kept for failure messages.
type helperProc struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error

	mu    sync.Mutex
	lines []string
}

// startHelper runs bin with args and waits until a line of its output
// matches ready; it returns the submatches. The process gets SIGTERM at
// the end of the test and must exit cleanly.
func startHelper(t *testing.T, bin string, ready *regexp.Regexp, env []string, args ...string) (*helperProc, []string) {
	t.Helper()
	p := &helperProc{name: filepath.Base(bin) + " " + strings.Join(args, " "), cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	r, w := io.Pipe()
	p.cmd.Stdout, p.cmd.Stderr = w, w
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan []string, 1)
	go p.read(r, ready, found)
	go func() { p.err = p.cmd.Wait(); w.Close(); close(p.done) }()
	t.Cleanup(func() {
		if err := p.stop(); err != nil {
			t.Errorf("%s: %v\n%s", p.name, err, p.output())
		}
	})
	select {
	case m := <-found:
		return p, m
	case <-p.done:
		t.Fatalf("%s exited before it was ready: %v\n%s", p.name, p.err, p.output())
	case <-time.After(60 * time.Second):
		t.Fatalf("%s: not ready within 60s\n%s", p.name, p.output())
	}
	return nil, nil
}

func (p *helperProc) read(r io.Reader, ready *regexp.Regexp, found chan<- []string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	reported := false
	for sc.Scan() {
		p.mu.Lock()
		p.lines = append(p.lines, sc.Text())
		p.mu.Unlock()
		if m := ready.FindStringSubmatch(sc.Text()); m != nil && !reported {
			found <- m
			reported = true
		}
	}
}

// output returns what the process printed so far.
func (p *helperProc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.lines, "\n")
}

// waitFor polls the output for a line matching re.
func (p *helperProc) waitFor(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := re.FindStringSubmatch(p.output()); m != nil {
			return m
		}
	}
	t.Fatalf("%s never printed %s\n%s", p.name, re, p.output())
	return nil
}

func (p *helperProc) signal(sig os.Signal) { p.cmd.Process.Signal(sig) }

// stop sends SIGTERM and expects a clean exit within 15 seconds.
func (p *helperProc) stop() error {
	select {
	case <-p.done:
		return fmt.Errorf("exited early: %v", p.err)
	default:
	}
	p.signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return p.err
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
		return errors.New("ignored SIGTERM for 15s; killed")
	}
}

// buildBinaries builds gatehouse (unless GATEHOUSE_E2E_BIN names one) and
// the example APIs into a temporary directory.
func buildBinaries(t *testing.T) (gatehouse, fruit, publicprivate string) {
	t.Helper()
	dir := t.TempDir()
	pkgs := []string{"./examples/fruit", "./examples/publicprivate"}
	gatehouse = os.Getenv("GATEHOUSE_E2E_BIN")
	if gatehouse == "" {
		pkgs, gatehouse = append(pkgs, "./cmd/gatehouse"), filepath.Join(dir, "gatehouse")
	}
	cmd := exec.Command("go", append([]string{"build", "-o", dir + "/"}, pkgs...)...)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return gatehouse, filepath.Join(dir, "fruit"), filepath.Join(dir, "publicprivate")
}
