package config

import (
	"errors"
	"strings"
)

// expand replaces ${NAME} in s by env(NAME); $${ stands for a literal ${.
// An unset variable or a malformed reference is a problem; the value is
// never echoed, as it may be a secret.
func expand(s string, env func(string) (string, bool)) (string, []error) {
	var out strings.Builder
	var problems []error
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			out.WriteString(s)
			return out.String(), problems
		}
		if i > 0 && s[i-1] == '$' {
			out.WriteString(s[:i-1] + "${")
			s = s[i+2:]
			continue
		}
		out.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 || !validName(s[i+2:i+end]) {
			problems = append(problems, errors.New("malformed ${...} reference (escape a literal ${ as $${)"))
			out.WriteString(s[i:])
			return out.String(), problems
		}
		name := s[i+2 : i+end]
		v, ok := env(name)
		if !ok {
			problems = append(problems, errors.New("environment variable "+name+" is not set"))
		}
		out.WriteString(v)
		s = s[i+end+1:]
	}
}

// validName reports whether s is a shell-style variable name.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
