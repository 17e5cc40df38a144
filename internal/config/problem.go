package config

import (
	"fmt"
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Problem is one error in a tenant file: where it is and what is wrong.
// Its text reads `tenant.yaml:12: clients[0]: unknown key "callbackz"`.
type Problem struct {
	File string
	Line int    // 1-based; 0 when unknown
	Path string // e.g. clients[0].app_type; "" for the whole file
	Msg  string
}

func (p *Problem) Error() string {
	loc := p.File
	if loc == "" {
		loc = "tenant file"
	}
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, p.Line)
	}
	if p.Path == "" {
		return loc + ": " + p.Msg
	}
	return loc + ": " + p.Path + ": " + p.Msg
}

// Unwrap lets idp.ErrorCode see a Problem as EInvalid.
func (p *Problem) Unwrap() error { return &idp.Error{Code: idp.EInvalid, Message: p.Error()} }

// problem locates path in t (its own line, or its nearest parent's).
func (t *Tenant) problem(path, format string, args ...any) *Problem {
	return &Problem{File: t.file, Line: t.line(path), Path: path, Msg: fmt.Sprintf(format, args...)}
}

// line returns the line of path, or of its closest ancestor in the file.
func (t *Tenant) line(path string) int {
	for p := path; p != ""; p = parent(p) {
		if l, ok := t.lines[p]; ok {
			return l
		}
	}
	return 0
}

// parent strips the last ".key" or "[i]" of a path.
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// at joins a path and a key.
func at(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// index joins a path and a list index.
func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
