package login

import (
	"strings"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// rule is one line of the password policy as a page shows it.
type rule struct {
	Text  string
	State string // "" before a password is checked, then "met" or "unmet"
	Items []rule
}

// policyRules returns the policy of o as rules with no state.
func policyRules(o idp.ConnectionOptions) []rule {
	return parsePolicy(idp.PasswordPolicyText(o))
}

// checkedRules returns the rules of a refused password, each marked met
// or unmet. Policy() lists the rules depth first, the order in which
// Description holds them, so the two are walked side by side.
func checkedRules(e *idp.PasswordError) []rule {
	rules := parsePolicy(e.Policy())
	mark(rules, e.Description.Rules)
	return rules
}

func mark(rules []rule, checked []idp.PasswordRule) {
	for i := range min(len(rules), len(checked)) {
		rules[i].State = "unmet"
		if checked[i].Verified {
			rules[i].State = "met"
		}
		mark(rules[i].Items, checked[i].Items)
	}
}

// parsePolicy reads password-sheriff's bullet text: "* rule" lines, with
// one leading space per level of nesting.
func parsePolicy(text string) []rule {
	var out []rule
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		body, ok := strings.CutPrefix(trimmed, "* ")
		if !ok {
			continue
		}
		r := rule{Text: body}
		if len(line) > len(trimmed) && len(out) > 0 {
			last := &out[len(out)-1]
			last.Items = append(last.Items, r)
		} else {
			out = append(out, r)
		}
	}
	return out
}
