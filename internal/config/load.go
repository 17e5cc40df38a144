package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize bounds a tenant file.
const MaxFileSize = 4 << 20

// Options control how a tenant file is read.
type Options struct {
	// Env looks up the variables of ${NAME} references; nil means
	// os.LookupEnv.
	Env func(string) (string, bool)
	// Keywords are the deploy CLI's AUTH0_KEYWORD_REPLACE_MAPPINGS:
	// ##KEY## is replaced by the value as text, @@KEY@@ by its JSON.
	Keywords map[string]any
}

// Load reads and strictly decodes the tenant file at path. Its errors are
// *Problem values (joined when there are several) naming path and a line.
// Load does not call Validate.
func Load(path string, opts Options) (*Tenant, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &Problem{File: path, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileSize)}
	}
	return Parse(path, data, opts)
}

// Parse decodes a tenant file's contents; name is what errors call it.
func Parse(name string, data []byte, opts Options) (*Tenant, error) {
	if opts.Env == nil {
		opts.Env = os.LookupEnv
	}
	text, problems := replaceKeywords(name, string(data), opts.Keywords)
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	doc, err := document(name, text)
	if err != nil {
		return nil, err
	}
	t := &Tenant{file: name, lines: map[string]int{}}
	if doc == nil || len(doc.Content) == 0 {
		return t, nil // an empty file changes nothing
	}
	if err := t.decode(doc.Content[0], opts.Env); err != nil {
		return nil, err
	}
	return t, nil
}

// document parses text, which may hold one YAML document at most (a second
// one would otherwise be ignored without a word); nil means none.
func document(file, text string) (*yaml.Node, error) {
	dec := yaml.NewDecoder(strings.NewReader(text))
	var doc, next yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return nil, nil
	} else if err != nil {
		return nil, yamlError(file, err)
	}
	switch err := dec.Decode(&next); {
	case err == io.EOF:
		return &doc, nil
	case err != nil:
		return nil, yamlError(file, err)
	}
	return nil, &Problem{File: file, Line: next.Line, Msg: "a tenant file holds one YAML document, found a second"}
}

// decode expands, checks and decodes the document's root node into t.
func (t *Tenant) decode(root *yaml.Node, env func(string) (string, bool)) error {
	if problems := expandEnv(t.file, root, env); len(problems) > 0 {
		return errors.Join(problems...)
	}
	w := &walker{file: t.file, lines: t.lines, seen: map[visit]bool{}}
	w.walk(root, reflect.TypeOf(*t), "")
	if len(w.problems) > 0 {
		return errors.Join(w.problems...)
	}
	if err := root.Decode(t); err != nil {
		return yamlError(t.file, err)
	}
	return nil
}

// yamlLine picks the line out of yaml.v3's "yaml: line 3: …" messages.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError turns yaml.v3's errors into Problems naming the file.
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
		problems = append(problems, p)
	}
	return errors.Join(problems...)
}
