package login

import (
	"flag"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// volatile are the parts of a page that change from run to run.
var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`name="csrf" value="[A-Za-z0-9]+"`), `name="csrf" value="CSRF"`},
	{regexp.MustCompile(`ticket=[^"\s&<]+`), "ticket=TICKET"},
	{regexp.MustCompile(`name="ticket" value="[^"]*"`), `name="ticket" value="TICKET"`},
	{regexp.MustCompile(`\?v=[0-9a-f]{12}`), "?v=VERSION"},
	{regexp.MustCompile(`mail-[0-9TZ.]+-[0-9a-f]+`), "mail-ID"},
	{regexp.MustCompile(`<time datetime="[^"]+">[^<]+</time>`), `<time datetime="DATE">DATE</time>`},
}

func normalise(e *env, page string) string {
	page = strings.ReplaceAll(page, e.srv.URL, "https://gatehouse.test")
	for _, v := range volatile {
		page = v.re.ReplaceAllString(page, v.with)
	}
	return page
}

// goldenPages renders each page the tests pin, by name.
func goldenPages(t *testing.T) (*env, map[string]string) {
	e := newEnv(t)
	e.addUser("ana@example.com")
	tx := e.newTx(func(tx *idp.Transaction) { tx.ID = "golden-state-0123456789abcdefghijklmnopq" })
	pages := map[string]string{}
	get := func(name, path string) { _, pages[name] = e.get(path) }
	post := func(name, path string, form url.Values) { _, pages[name] = e.post(path, form) }
	get("login", "/u/login?state="+tx.ID)
	post("login-wrong-password", "/u/login", loginValues(tx, "ana@example.com", "nope"))
	get("signup", "/u/signup?state="+tx.ID)
	post("signup-weak-password", "/u/signup", signupValues(tx, "new@example.com", "abcdefgh"))
	get("reset-request", "/u/reset-password?state="+tx.ID)
	post("reset-sent", "/u/reset-password", url.Values{"state": {tx.ID}, "email": {"ana@example.com"}})
	link := linkIn(t, e.onlyMail(t, "ana@example.com", "Reset your password"), "/lo/reset?ticket=")
	get("reset", link)
	get("expired", "/u/login?state=nope")
	get("mailbox", "/dev/mailbox")
	_, pages["csrf"] = e.do(e.newBrowser(), http.MethodPost, "/u/login", loginValues(tx, "a@example.com", "x"))
	return e, pages
}

func TestGoldenPages(t *testing.T) {
	e, pages := goldenPages(t)
	for name, page := range pages {
		got := normalise(e, page)
		path := filepath.Join("testdata", name+".golden.html")
		if *update {
			must(t, os.WriteFile(path, []byte(got), 0o644))
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s (run go test -update if intended):\n%s", name, path, got)
		}
	}
}
