package gateway

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is one error in a gateway file. Its text reads
// `gateway.yaml:12: routes[2]: unknown authorizer "billing"`.
type Problem struct {
	File string
	Line int    // 1-based; 0 when unknown
	Path string // e.g. routes[2].authorizer
	Msg  string
}

// Error reads "file:line: path: message".
func (p *Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, p.Line)
	}
	if p.Path == "" {
		return loc + ": " + p.Msg
	}
	return loc + ": " + p.Path + ": " + p.Msg
}

// problem locates path in c: its own line, or its nearest parent's.
func (c *Config) problem(path, format string, args ...any) error {
	line := 0
	for p := path; p != "" && line == 0; p = parent(p) {
		line = c.lines[p]
	}
	return &Problem{File: c.file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)}
}

func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// lineIndex records the line of every top-level key, list item and key of
// a list item: all that Validate's messages point at.
func lineIndex(root *yaml.Node) map[string]int {
	lines := map[string]int{}
	if root.Kind != yaml.MappingNode {
		return lines
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		lines[key.Value] = key.Line
		if val.Kind != yaml.SequenceNode {
			continue
		}
		for j, item := range val.Content {
			at := fmt.Sprintf("%s[%d]", key.Value, j)
			lines[at] = item.Line
			for k := 0; item.Kind == yaml.MappingNode && k+1 < len(item.Content); k += 2 {
				lines[at+"."+item.Content[k].Value] = item.Content[k].Line
			}
		}
	}
	return lines
}

var (
	yamlLine   = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownKey = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
)

// yamlError turns yaml.v3's errors into Problems with lines, and its
// "field x not found in type y" into `unknown key "x"`.
func yamlError(file string, err error) error {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	problems := make([]error, 0, len(msgs))
	for _, m := range msgs {
		p := &Problem{File: file, Msg: strings.TrimPrefix(m, "yaml: ")}
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			p.Line, _ = strconv.Atoi(sub[1])
			p.Msg = sub[2]
		}
		if sub := unknownKey.FindStringSubmatch(p.Msg); sub != nil {
			p.Msg = fmt.Sprintf("unknown key %q", sub[1])
		}
		problems = append(problems, p)
	}
	return errors.Join(problems...)
}
