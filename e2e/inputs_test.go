package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// go test caches a passing result keyed on the test binary and on the files
// and environment variables the test process itself touched. The server and
// the client scripts run in other processes, so without this a changed
// handler or script would still be reported as a cached pass.

// sourcesTemplate lists the main module's Go and embedded files that
// ./cmd/gatehouse is built from.
const sourcesTemplate = `{{if .Module}}{{if .Module.Main}}{{$d := .Dir}}` +
	`{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}` +
	`{{end}}{{end}}`

// trackInputs opens every file the run depends on, so that go test records
// it and a change to any of them invalidates the cached result.
func trackInputs(bin string) {
	files := []string{"../go.mod", "../go.sum", tenantFile, browserTenantFile, "node/package-lock.json"}
	if bin != "" {
		files = append(files, bin)
	} else {
		files = append(files, serverSources()...)
	}
	for _, pattern := range []string{"python/*.py", "node/*.mjs", "testdata/app/*"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	for _, f := range files {
		if fh, err := os.Open(f); err == nil {
			fh.Close()
		}
	}
}

func serverSources() []string {
	cmd := exec.Command("go", "list", "-deps", "-f", sourcesTemplate, "./cmd/gatehouse")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		return nil // the build reports the problem
	}
	return strings.FieldsFunc(string(out), func(r rune) bool { return r == '\n' })
}
