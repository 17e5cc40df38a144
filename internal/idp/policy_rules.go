package idp

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf16"
)

// charset is one of sheriff's character classes (lib/rules/contains).
type charset struct {
	message, code string
	test          func(string) bool
}

// specialChars is OWASP's list of special characters, as sheriff uses it.
const specialChars = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

var (
	lowerCase = charset{"lower case letters (a-z)", "lowerCase", hasByteIn('a', 'z')}
	upperCase = charset{"upper case letters (A-Z)", "upperCase", hasByteIn('A', 'Z')}
	numbers   = charset{"numbers (i.e. 0-9)", "numbers", hasByteIn('0', '9')}
	special   = charset{"special characters (e.g. !@#$%^&*)", "specialCharacters",
		func(s string) bool { return strings.ContainsAny(s, specialChars) }}
	allFour = []charset{lowerCase, upperCase, numbers, special}
)

// hasByteIn matches JavaScript's /[lo-hi]/: ASCII only.
func hasByteIn(lo, hi byte) func(string) bool {
	return func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return r >= rune(lo) && r <= rune(hi) }) >= 0
	}
}

// policy is one of sheriff's named policies (index.js). Zero fields are
// rules the level does not have.
type policy struct {
	minLength    int
	contains     []charset // fair: every class
	atLeast      int       // good, excellent: atLeast of allFour
	maxIdentical int       // excellent: no longer runs of one character
}

// passwordPolicy returns o's level, with min_length overriding its length;
// unknown levels are none, as in sheriff.
func passwordPolicy(o ConnectionOptions) policy {
	var p policy
	switch o.PasswordPolicy {
	case "low":
		p = policy{minLength: 6}
	case "fair":
		p = policy{minLength: 8, contains: []charset{lowerCase, upperCase, numbers}}
	case "good":
		p = policy{minLength: 8, atLeast: 3}
	case "excellent":
		p = policy{minLength: 10, atLeast: 3, maxIdentical: 2}
	default:
		p = policy{minLength: 1}
	}
	if o.MinLength > 0 {
		p.minLength = o.MinLength
	}
	return p
}

// missing is sheriff's PasswordPolicy.missing: every rule, each verified.
func (p policy) missing(pw string) PasswordDescription {
	rules := []PasswordRule{lengthRule(p.minLength, pw)}
	if len(p.contains) > 0 {
		rules = append(rules, containsRule(p.contains, pw))
	}
	if p.atLeast > 0 {
		rules = append(rules, containsAtLeastRule(p.atLeast, pw))
	}
	if p.maxIdentical > 0 {
		rules = append(rules, identicalRule(p.maxIdentical, pw))
	}
	d := PasswordDescription{Rules: rules, Verified: true}
	for _, r := range rules {
		d.Verified = d.Verified && r.Verified
	}
	return d
}

func lengthRule(min int, pw string) PasswordRule {
	ok := pw != "" && min <= len(utf16.Encode([]rune(pw)))
	if min == 1 {
		return PasswordRule{Message: "Non-empty password required", Code: "nonEmpty", Verified: ok}
	}
	return PasswordRule{Message: "At least %d characters in length", Code: "lengthAtLeast",
		Format: []any{min}, Verified: ok}
}

func containsRule(sets []charset, pw string) PasswordRule {
	items, n := checkCharsets(sets, pw)
	return PasswordRule{Message: "Should contain:", Code: "shouldContain", Items: items,
		Verified: n == len(sets)}
}

func containsAtLeastRule(atLeast int, pw string) PasswordRule {
	items, n := checkCharsets(allFour, pw)
	return PasswordRule{Message: "Contain at least %d of the following %d types of characters:",
		Code: "containsAtLeast", Format: []any{atLeast, len(allFour)}, Items: items,
		Verified: n >= atLeast}
}

func checkCharsets(sets []charset, pw string) ([]PasswordRule, int) {
	items, n := make([]PasswordRule, len(sets)), 0
	for i, c := range sets {
		items[i] = PasswordRule{Message: c.message, Code: c.code, Verified: c.test(pw)}
		if items[i].Verified {
			n++
		}
	}
	return items, n
}

// identicalRule rejects runs longer than max of one UTF-16 code unit, as
// sheriff compares password[i] (an empty password fails it too).
func identicalRule(max int, pw string) PasswordRule {
	units, run, ok := utf16.Encode([]rune(pw)), 0, pw != ""
	for i := range units {
		if i > 0 && units[i] == units[i-1] {
			run++
		} else {
			run = 1
		}
		ok = ok && run <= max
	}
	return PasswordRule{Message: `No more than %d identical characters in a row (e.g., "%s" not allowed)`,
		Code: "identicalChars", Format: []any{max, strings.Repeat("a", max+1)}, Verified: ok}
}

// MarshalJSON writes the rule with sheriff's key order, which differs per
// rule; clients compare bodies as text more often than they should.
func (r PasswordRule) MarshalJSON() ([]byte, error) {
	var keys []string
	switch r.Code {
	case "lengthAtLeast":
		keys = []string{"message", "format", "code", "verified"}
	case "shouldContain":
		keys = []string{"message", "code", "verified", "items"}
	default:
		keys = []string{"message", "code", "format", "items", "verified"}
	}
	return r.marshalKeys(keys)
}

func (r PasswordRule) marshalKeys(keys []string) ([]byte, error) {
	values := map[string]any{"message": r.Message, "code": r.Code, "verified": r.Verified}
	if r.Format != nil {
		values["format"] = r.Format
	}
	if r.Items != nil {
		values["items"] = r.Items
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // sheriff's texts hold & < >, sent unescaped
	sep := "{"
	for _, k := range keys {
		if v, ok := values[k]; ok {
			b.WriteString(sep + `"` + k + `":`)
			if err := enc.Encode(v); err != nil {
				return nil, err
			}
			b.Truncate(b.Len() - 1) // Encode's newline
			sep = ","
		}
	}
	b.WriteString("}")
	return b.Bytes(), nil
}
