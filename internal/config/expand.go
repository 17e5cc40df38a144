package config

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// keyword matches the deploy CLI's ##KEY## and @@KEY@@ placeholders.
var keyword = regexp.MustCompile(`##([A-Za-z0-9_]+)##|@@([A-Za-z0-9_]+)@@`)

// replaceKeywords does the deploy CLI's keyword replacement on the raw
// text, before YAML parsing, as it does (contract §17.4): that is what
// lets `allowed_origins: @@ORIGINS@@` become a YAML flow list. ##KEY## is
// replaced by the value as text, @@KEY@@ by its JSON encoding. A
// placeholder with no mapping is an error rather than left in place.
func replaceKeywords(file, text string, keywords map[string]any) (string, []error) {
	var out strings.Builder
	var problems []error
	last := 0
	for _, m := range keyword.FindAllStringSubmatchIndex(text, -1) {
		out.WriteString(text[last:m[0]])
		last = m[1]
		name, literal := keywordName(text, m)
		v, ok := keywords[name]
		if !ok {
			problems = append(problems, &Problem{File: file, Line: lineAt(text, m[0]), Msg: "no keyword mapping for " + text[m[0]:m[1]]})
			continue
		}
		s, err := keywordText(v, literal)
		if err != nil {
			problems = append(problems, &Problem{File: file, Line: lineAt(text, m[0]), Msg: "keyword " + name + ": " + err.Error()})
		}
		out.WriteString(s)
	}
	out.WriteString(text[last:])
	return out.String(), problems
}

// keywordName returns the placeholder's key and whether it is the ## form.
func keywordName(text string, m []int) (string, bool) {
	if m[2] >= 0 {
		return text[m[2]:m[3]], true
	}
	return text[m[4]:m[5]], false
}

// keywordText renders v: a string as is for ##KEY##, else JSON.
func keywordText(v any, literal bool) (string, error) {
	if s, ok := v.(string); ok && literal {
		return s, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// lineAt returns the 1-based line of byte offset off in text.
func lineAt(text string, off int) int { return strings.Count(text[:off], "\n") + 1 }

// expandEnv replaces ${NAME} in every scalar value (not keys) of the tree.
// Aliases are skipped: their anchors are expanded where they stand.
func expandEnv(file string, n *yaml.Node, env func(string) (string, bool)) []error {
	var problems []error
	var visit func(n *yaml.Node, isKey bool)
	visit = func(n *yaml.Node, isKey bool) {
		switch n.Kind {
		case yaml.ScalarNode:
			if !isKey {
				problems = append(problems, expandScalar(file, n, env)...)
			}
		case yaml.MappingNode:
			for i, c := range n.Content {
				visit(c, i%2 == 0)
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				visit(c, false)
			}
		}
	}
	visit(n, false)
	return problems
}

// expandScalar expands one scalar. A plain scalar that changed has its tag
// cleared so yaml.v3 resolves it again: `token_lifetime: ${TTL}` is an int.
func expandScalar(file string, n *yaml.Node, env func(string) (string, bool)) []error {
	if !strings.Contains(n.Value, "$") {
		return nil
	}
	v, problems := expand(n.Value, env)
	for i, p := range problems {
		problems[i] = &Problem{File: file, Line: n.Line, Msg: p.Error()}
	}
	if v != n.Value && n.Style&(yaml.TaggedStyle|yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		n.Tag = ""
	}
	n.Value = v
	return problems
}
