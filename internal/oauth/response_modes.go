package oauth

import (
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// deliver sends the authorization response params to the application by
// the flow's response mode (§4.2, §4.4). Every answer is no-store.
func (h *Handler) deliver(w http.ResponseWriter, r *http.Request, f *authFlow, params url.Values) {
	uri := f.req.RedirectURI
	switch f.mode {
	case modeFormPost:
		h.render(w, http.StatusOK, "form_post.html", &formPost{Action: formAction(uri), Fields: fields(params)}, true)
	case modeWebMessage:
		h.render(w, http.StatusOK, "web_message.html", &webMessage{Response: flat(params), Origin: f.origin}, true)
	case modeFragment:
		redirect(w, uri+"#"+encodeParams(params))
	default:
		sep := "?"
		if strings.Contains(uri, "?") {
			sep = "&" // keep the registered query as it is
		}
		redirect(w, uri+sep+encodeParams(params))
	}
}

// deliverError sends err back to the application with the request's
// state (§4.4: auth0.js requires it on errors too). Internal failures are
// logged and sent as server_error without their details.
func (h *Handler) deliverError(w http.ResponseWriter, r *http.Request, f *authFlow, err error) {
	e := asError(err)
	if e.Status >= 500 {
		h.log().Error("authorize failed", "request_id", r.Header.Get("X-Request-Id"), "error", err)
	}
	params := url.Values{"error": {e.Code}, "error_description": {e.Description}}
	if f.req.State != "" {
		params.Set("state", f.req.State)
	}
	h.deliver(w, r, f, params)
}

// redirect is a 302, as Auth0 answers /authorize, never cached.
func redirect(w http.ResponseWriter, location string) {
	w.Header().Set("Location", location)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusFound)
}

// encodeParams encodes with %20 for spaces: every parser of fragments
// reads it, not all read "+".
func encodeParams(v url.Values) string {
	return strings.ReplaceAll(v.Encode(), "+", "%20")
}

// formPost is the data of form_post.html (OAuth 2.0 Form Post Response Mode).
type formPost struct {
	Action any // template.URL for http(s); other schemes go through the sanitiser
	Fields []field
	Nonce  string
}

func (p *formPost) setNonce(n string) { p.Nonce = n }

// webMessage is the data of web_message.html (§4.4).
type webMessage struct {
	Response map[string]string
	Origin   string // postMessage's targetOrigin: the redirect_uri's origin
	Nonce    string
}

func (p *webMessage) setNonce(n string) { p.Nonce = n }

// formAction trusts an http(s) redirect URI, already matched against the
// registered callbacks; html/template would otherwise keep it too, but a
// custom scheme (a native app's) would be replaced.
func formAction(uri string) any {
	if strings.HasPrefix(uri, "https://") || strings.HasPrefix(uri, "http://") {
		return template.URL(uri)
	}
	return uri
}

// fields lists params as hidden fields, sorted by name.
func fields(params url.Values) []field {
	out := make([]field, 0, len(params))
	for name, v := range params {
		out = append(out, field{Name: name, Value: v[0]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// flat keeps the first value of each parameter, for the message's JSON.
func flat(params url.Values) map[string]string {
	out := make(map[string]string, len(params))
	for name, v := range params {
		out[name] = v[0]
	}
	return out
}
