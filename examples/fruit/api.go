package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/gatehouse/gatehouse/jwtauth"
)

// The fruit API's scopes, as seed 002 defines them on the "API Fruit"
// (identifier api/fruit).
const (
	readUsual   = "read:usual-fruit"   // read the usual fruit
	readExotic  = "read:exotic-fruit"  // read the usual and the exotic fruit
	writeUsual  = "write:usual-fruit"  // add usual fruit
	writeExotic = "write:exotic-fruit" // add usual and exotic fruit
)

// Bounds on what clients can make the API keep.
const (
	maxBody      = 1 << 10
	maxName      = 64
	maxPerBasket = 1000
)

// basket is one list of fruit.
type basket struct {
	mu    sync.Mutex
	fruit []string
}

func (b *basket) list() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.fruit)
}

// add appends name unless it is there already; false when full.
func (b *basket) add(name string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if slices.Contains(b.fruit, name) {
		return true
	}
	if len(b.fruit) >= maxPerBasket {
		return false
	}
	b.fruit = append(b.fruit, name)
	return true
}

// api holds the two lists of seed 002's demo API.
type api struct {
	usual, exotic *basket
}

func newAPI() *api {
	return &api{usual: &basket{fruit: []string{"apple", "banana", "cherry"}},
		exotic: &basket{fruit: []string{"durian", "mangosteen", "rambutan"}}}
}

// routes maps seed 002's rules to routes; the guard (jwtauth.Middleware,
// or the gateway's headers) runs first. Anything a token's scopes do not
// allow is 403 insufficient_scope.
//
//	GET  /api/fruit         read:usual-fruit or read:exotic-fruit; exotic listed only with the latter
//	GET  /api/fruit/usual   read:usual-fruit or read:exotic-fruit
//	GET  /api/fruit/exotic  read:exotic-fruit
//	POST /api/fruit/usual   write:usual-fruit or write:exotic-fruit   {"name": "kiwi"}
//	POST /api/fruit/exotic  write:exotic-fruit
func (a *api) routes(guard func(http.Handler) http.Handler) http.Handler {
	anyOf, all := jwtauth.RequireAnyScope, jwtauth.RequireScopes
	mux := http.NewServeMux()
	mux.Handle("GET /api/fruit", guard(anyOf(readUsual, readExotic)(http.HandlerFunc(a.all))))
	mux.Handle("GET /api/fruit/usual", guard(anyOf(readUsual, readExotic)(a.read(a.usual))))
	mux.Handle("GET /api/fruit/exotic", guard(all(readExotic)(a.read(a.exotic))))
	mux.Handle("POST /api/fruit/usual", guard(anyOf(writeUsual, writeExotic)(a.write(a.usual))))
	mux.Handle("POST /api/fruit/exotic", guard(all(writeExotic)(a.write(a.exotic))))
	return mux
}

func (a *api) all(w http.ResponseWriter, r *http.Request) {
	c, _ := jwtauth.ClaimsFrom(r.Context())
	out := map[string][]string{"usual": a.usual.list()}
	if c.HasScope(readExotic) {
		out["exotic"] = a.exotic.list()
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *api) read(b *basket) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string][]string{"fruit": b.list()})
	})
}

func (a *api) write(b *basket) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Name string `json:"name"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
		dec.DisallowUnknownFields()
		name := ""
		if dec.Decode(&in) == nil {
			name = strings.ToLower(strings.TrimSpace(in.Name))
		}
		switch {
		case name == "" || len(name) > maxName || strings.ContainsFunc(name, notFruitChar):
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request",
				"error_description": `want {"name": "<fruit>"}: 1-64 letters, spaces or hyphens`})
		case !b.add(name):
			writeJSON(w, http.StatusConflict, map[string]string{"error": "basket_full"})
		default:
			writeJSON(w, http.StatusCreated, map[string][]string{"fruit": b.list()})
		}
	})
}

func notFruitChar(r rune) bool { return !(r >= 'a' && r <= 'z' || r == ' ' || r == '-') }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
