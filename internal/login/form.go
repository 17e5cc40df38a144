package login

import (
	"net/http"
	"strings"
)

// maxValue bounds a field value echoed back into a page.
const maxValue = 320

// renderForm renders fp with the browser's CSRF token, and focuses the
// error summary when there is one, or else the first empty input.
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, status int, fp *formPage) {
	fp.CSRF = h.csrfToken(w, r)
	if len(fp.Alerts) == 0 {
		for i := range fp.Fields {
			if fp.Fields[i].Value == "" && !fp.Fields[i].ReadOnly {
				fp.Fields[i].Autofocus = true
				break
			}
		}
	}
	h.render(w, status, "form", fp)
}

// field returns the input with id; forms only ask for ones they built.
func (fp *formPage) field(id string) *field {
	for i := range fp.Fields {
		if fp.Fields[i].ID == id {
			return &fp.Fields[i]
		}
	}
	return &field{}
}

// set fills the input id with a value the user typed, bounded and trimmed.
func (fp *formPage) set(id, value string) {
	value = strings.TrimSpace(value)
	if len(value) > maxValue {
		value = value[:maxValue]
	}
	value = strings.ToValidUTF8(value, "")
	fp.field(id).Value = value
}

// fail adds a form-level error and marks the inputs ids as invalid.
func (fp *formPage) fail(text string, ids ...string) {
	fp.Alerts = append(fp.Alerts, alert{Text: text})
	for _, id := range ids {
		fp.field(id).Invalid = true
	}
}

// failField adds an error about one input, shown by it and in the summary.
func (fp *formPage) failField(id, text string) { fp.failFieldAs(id, text, text) }

// failFieldAs is failField with a shorter text for the summary.
func (fp *formPage) failFieldAs(id, text, summary string) {
	fp.field(id).Error = text
	fp.Alerts = append(fp.Alerts, alert{Text: summary, For: id})
}

// failed reports whether any error was added.
func (fp *formPage) failed() bool { return len(fp.Alerts) > 0 }

// required adds an error for each listed input left empty.
func (fp *formPage) required(r *http.Request, texts map[string]string) {
	for _, f := range fp.Fields {
		v := r.PostForm.Get(f.ID)
		if f.Type != "password" {
			v = strings.TrimSpace(v) // a password may be all spaces
		}
		if text, ok := texts[f.ID]; ok && v == "" {
			fp.failField(f.ID, text)
		}
	}
}
