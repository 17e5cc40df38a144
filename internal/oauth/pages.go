package oauth

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"net/http"

	"github.com/gatehouse/gatehouse/internal/idp"
)

//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(template.ParseFS(templateFS, "templates/*.html"))

// pageError is an /authorize or logout failure that cannot go back to the
// application (its client or redirect URI is unknown or not allowed), so
// it is shown to the user as a page (contract §4.3, §4.6, §8).
type pageError struct {
	status      int
	code        string // OAuth error code, shown as Auth0 shows it
	description string
}

func (e *pageError) Error() string { return e.code + ": " + e.description }

func badPage(code, desc string) *pageError {
	return &pageError{status: http.StatusBadRequest, code: code, description: desc}
}

// page is the data of error.html, which also asks to confirm a logout.
type page struct {
	Title, Code, Description string
	Action                   string  // a form to post, if any
	Fields                   []field // its hidden fields
	Button                   string
	Nonce                    string
}

// field is a hidden form field.
type field struct{ Name, Value string }

// writePage renders err as an error page; an error that is not a
// *pageError is logged and shown as a generic server error. Error pages
// hold no action, so they may show in a silent-auth iframe.
func (h *Handler) writePage(w http.ResponseWriter, r *http.Request, err error) {
	var pe *pageError
	if !errors.As(err, &pe) {
		h.log().Error("browser request failed", "request_id", r.Header.Get("X-Request-Id"),
			"path", r.URL.Path, "error", err)
		pe = &pageError{status: http.StatusInternalServerError, code: "server_error", description: "Internal error."}
	}
	h.render(w, pe.status, "error.html", &page{Title: "Something went wrong", Code: pe.code,
		Description: pe.description}, true)
}

// render writes a template with a fresh CSP nonce and no caching. Pages of
// /authorize stay frameable: silent authentication runs in the
// application's hidden iframe (§4.4). Others (frameable false) refuse
// framing.
func (h *Handler) render(w http.ResponseWriter, status int, name string, data interface{ setNonce(string) }, frameable bool) {
	nonce := idp.RandomString(22)
	data.setNonce(nonce)
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		h.log().Error("rendering a page", "template", name, "error", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Pragma", "no-cache")
	hd.Set("X-Content-Type-Options", "nosniff")
	csp := "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'; base-uri 'none'"
	if !frameable {
		csp += "; frame-ancestors 'none'"
		hd.Set("X-Frame-Options", "DENY")
	}
	hd.Set("Content-Security-Policy", csp)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (p *page) setNonce(n string) { p.Nonce = n }
