package login

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"strings"
)

// assetPath is where the pages' static files are served.
const assetPath = "/u/assets/"

//go:embed assets
var assetFS embed.FS

// assetVersions maps each embedded file to a hash of its content; pages
// link to name?v=hash, so a file can be cached for good.
var assetVersions = hashAssets()

func hashAssets() map[string]string {
	out := map[string]string{}
	entries, _ := assetFS.ReadDir("assets")
	for _, e := range entries {
		b, _ := assetFS.ReadFile("assets/" + e.Name())
		sum := sha256.Sum256(b)
		out[e.Name()] = hex.EncodeToString(sum[:6])
	}
	return out
}

// assetURL is the versioned URL of an embedded file.
func assetURL(name string) string {
	return assetPath + name + "?v=" + assetVersions[name]
}

// serveAsset serves an embedded file, or the generated theme.
func serveAsset(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	if name == "theme.css" {
		return serveTheme(w, r)
	}
	b, err := assetFS.ReadFile("assets/" + name)
	if err != nil || strings.Contains(name, "/") {
		return &pageError{status: http.StatusNotFound, title: "Page not found",
			text: "There is nothing at this address."}
	}
	writeAsset(w, contentType(name), b)
	return nil
}

func contentType(name string) string {
	switch {
	case strings.HasSuffix(name, ".css"):
		return "text/css; charset=utf-8"
	case strings.HasSuffix(name, ".svg"):
		return "image/svg+xml"
	}
	return "application/octet-stream"
}

// serveTheme writes the brand colours of the query (p: primary, b: page
// background, each six hex digits) as CSS variables. Anything else in the
// query is ignored; the output is built from parsed bytes only.
func serveTheme(w http.ResponseWriter, r *http.Request) error {
	var css strings.Builder
	if p, ok := parseColor(r.URL.Query().Get("p")); ok {
		css.WriteString(":root{--primary:" + p.css() + ";--on-primary:" + textOn(p).css() +
			";--link:" + darkenFor(p, white).css() + "}\n")
	}
	if b, ok := parseColor(r.URL.Query().Get("b")); ok {
		css.WriteString(":root{--page:" + b.css() + "}\n") // behind the card only
	}
	writeAsset(w, "text/css; charset=utf-8", []byte(css.String()))
	return nil
}

// writeAsset writes a static response that depends on its URL alone.
func writeAsset(w http.ResponseWriter, ctype string, b []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(b)
}
