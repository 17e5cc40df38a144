package config

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// walker checks a YAML tree against the Go types it will decode into, so
// that an unknown key or a wrongly typed value is reported with its file,
// line and path before yaml.v3 decodes the tree. It records the line of
// every key and list item, for Validate's messages.
type walker struct {
	file     string
	lines    map[string]int
	seen     map[visit]bool // aliases already checked, so alias bombs stay linear
	problems []error
}

type visit struct {
	n *yaml.Node
	t reflect.Type
}

// unsupported are deploy-CLI top-level keys Gatehouse does not implement,
// given a clearer message than "unknown key".
var unsupported = map[string]bool{
	"connections": true, "pages": true, "emailProvider": true, "emailTemplates": true,
	"guardianFactors": true, "guardianFactorProviders": true, "guardianFactorTemplates": true,
	"guardianPolicies": true, "guardianPhoneFactorSelectedProvider": true,
	"guardianPhoneFactorMessageTypes": true, "actions": true, "triggers": true,
	"organizations": true, "customDomains": true, "prompts": true, "logStreams": true,
	"rules": true, "rulesConfigs": true, "hooks": true, "migrations": true,
	"themes": true, "forms": true, "flows": true, "flowVaultConnections": true,
	"selfServiceProfiles": true, "networkACLs": true, "userAttributeProfiles": true,
}

func (w *walker) fail(line int, path, format string, args ...any) {
	w.problems = append(w.problems, &Problem{File: w.file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// walk checks n against t; path names n for messages.
func (w *walker) walk(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind == yaml.AliasNode {
		v := visit{n.Alias, t}
		if n.Alias == nil || w.seen[v] {
			return
		}
		w.seen[v] = true
		n = n.Alias
	}
	if n.ShortTag() == "!!null" {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		w.object(n, t, path)
	case reflect.Slice:
		w.list(n, t.Elem(), path)
	case reflect.Map:
		w.dict(n, t, path)
	case reflect.Interface:
	default:
		w.scalar(n, t.Kind(), path)
	}
}

// object checks a mapping against struct t's yaml tags.
func (w *walker) object(n *yaml.Node, t reflect.Type, path string) {
	if !w.want(n, yaml.MappingNode, path, "a mapping") {
		return
	}
	fields := yamlFields(t)
	w.pairs(n, path, func(key, val *yaml.Node) {
		if key.Value == "<<" && key.ShortTag() == "!!merge" {
			w.merge(val, t, path)
			return
		}
		ft, ok := fields[key.Value]
		switch {
		case ok:
			w.lines[at(path, key.Value)] = key.Line
			w.walk(val, ft, at(path, key.Value))
		case path == "" && unsupported[key.Value]:
			w.fail(key.Line, path, "%q is not supported by Gatehouse", key.Value)
		default:
			w.fail(key.Line, path, "unknown key %q", key.Value)
		}
	})
}

// merge checks the value of a "<<" merge key: a mapping or a list of them.
func (w *walker) merge(val *yaml.Node, t reflect.Type, path string) {
	if val.Kind == yaml.SequenceNode {
		for _, m := range val.Content {
			w.walk(m, t, path)
		}
		return
	}
	w.walk(val, t, path)
}

// dict checks a mapping whose keys are free and whose values are t.Elem().
func (w *walker) dict(n *yaml.Node, t reflect.Type, path string) {
	if !w.want(n, yaml.MappingNode, path, "a mapping") {
		return
	}
	w.pairs(n, path, func(key, val *yaml.Node) {
		if key.Value == "<<" && key.ShortTag() == "!!merge" {
			w.merge(val, t, path)
			return
		}
		w.lines[at(path, key.Value)] = key.Line
		w.walk(val, t.Elem(), at(path, key.Value))
	})
}

// pairs calls fn for each key and value of a mapping, reporting keys that
// are not plain scalars or that repeat.
func (w *walker) pairs(n *yaml.Node, path string, fn func(key, val *yaml.Node)) {
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			w.fail(key.Line, path, "a key must be a plain string")
			continue
		}
		if l, dup := first[key.Value]; dup && key.Value != "<<" {
			w.fail(key.Line, path, "duplicate key %q (first at line %d)", key.Value, l)
			continue
		}
		first[key.Value] = key.Line
		fn(key, val)
	}
}

func (w *walker) list(n *yaml.Node, elem reflect.Type, path string) {
	if !w.want(n, yaml.SequenceNode, path, "a list") {
		return
	}
	for i, item := range n.Content {
		w.lines[index(path, i)] = item.Line
		w.walk(item, elem, index(path, i))
	}
}

// scalar checks a scalar's resolved tag against the Go kind it fills.
func (w *walker) scalar(n *yaml.Node, k reflect.Kind, path string) {
	if !w.want(n, yaml.ScalarNode, path, "a single value") {
		return
	}
	tag := n.ShortTag()
	switch {
	case k == reflect.Bool && tag != "!!bool":
		w.fail(n.Line, path, "want true or false")
	case k >= reflect.Int && k <= reflect.Int64 && tag != "!!int":
		w.fail(n.Line, path, "want an integer")
	case (k == reflect.Float32 || k == reflect.Float64) && tag != "!!int" && tag != "!!float":
		w.fail(n.Line, path, "want a number")
	}
}

// want reports n unless it is of kind k.
func (w *walker) want(n *yaml.Node, k yaml.Kind, path, what string) bool {
	if n.Kind == k {
		return true
	}
	w.fail(n.Line, path, "want %s", what)
	return false
}

// yamlFields maps the yaml names of t's exported fields to their types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = f.Type
	}
	return fields
}
