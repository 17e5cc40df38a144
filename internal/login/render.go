package login

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates holds one template set per kind of page, each the layout
// plus that kind's "content".
var templates = map[string]*template.Template{
	"form":    parsePage("form"),
	"message": parsePage("message"),
	"mailbox": parsePage("mailbox"),
}

func parsePage(name string) *template.Template {
	return template.Must(template.New(name).Funcs(template.FuncMap{"asset": assetURL}).
		ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
}

// page is what every template gets.
type page struct {
	Title  string // <title> and <h1>
	Lead   string // the line under the heading
	Brand  brand
	Alerts []alert // the error summary, focused when present
	Wide   bool    // a wider card (the dev mailbox)
}

// alert is one error of the summary; For is the id of its input, if any.
type alert struct{ Text, For string }

// link is a way to another page, with optional text before it.
type link struct{ Before, Text, Href string }

// messagePage is a page of text: a result, or an error.
type messagePage struct {
	page
	Text []string
	Link link
}

// formPage is a page with one form.
type formPage struct {
	page
	Action string
	CSRF   string
	Hidden map[string]string // state or ticket
	Fields []field
	Submit string
	Links  []link
}

// field is one input with its label, error and description.
type field struct {
	ID, Label, Type, Value, Autocomplete string

	Error     string // shown by the input and tied to it
	Invalid   bool   // marked invalid by a form-level alert
	Rules     []rule // the password policy, shown under the input
	ReadOnly  bool
	Autofocus bool
}

// DescribedBy is the aria-describedby list: the error, the rules, or the
// summary for a form-level error.
func (f field) DescribedBy() string {
	var ids []string
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	} else if f.Invalid {
		ids = append(ids, "alert")
	}
	if len(f.Rules) > 0 {
		ids = append(ids, f.ID+"-rules")
	}
	return strings.Join(ids, " ")
}

// render writes the page kind with data, buffered so that a template
// failure is a clean 500 rather than half a page.
func (h *Handler) render(w http.ResponseWriter, status int, kind string, data any) {
	var buf bytes.Buffer
	if err := templates[kind].ExecuteTemplate(&buf, "layout", data); err != nil {
		h.log().Error("login template failed", "page", kind, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
