package idp

import (
	"strconv"
	"strings"
)

// PasswordRule is one rule of a password policy as auth0/password-sheriff's
// missing() reports it (contract §13.4): Message is a printf-style template
// filled from Format; Items are the sub-rules of a composite rule.
type PasswordRule struct {
	Message  string
	Code     string
	Format   []any // ints, and the example string of identicalChars
	Items    []PasswordRule
	Verified bool
}

// PasswordDescription is the "description" object of a PasswordStrengthError.
type PasswordDescription struct {
	Rules    []PasswordRule `json:"rules"`
	Verified bool           `json:"verified"`
}

// PasswordError reports a password that fails its connection's policy. It
// unwraps to an *Error with EInvalid, so ErrorCode sees it as bad input.
type PasswordError struct {
	Description PasswordDescription
}

// Error returns the idp-style text; the wire "message" is ErrorMessage(e).
func (e *PasswordError) Error() string { return "idp: invalid: Password is too weak" }

// Unwrap gives the error chain its idp code.
func (e *PasswordError) Unwrap() error {
	return &Error{Code: EInvalid, Message: "Password is too weak"}
}

// Policy returns sheriff's toString() of the policy: one "* " bullet per
// rule, sub-rules indented by one space.
func (e *PasswordError) Policy() string { return flatRules(e.Description.Rules, 0) }

// CheckPassword checks password against o's policy level and min_length,
// as sheriff does (contract §13.1), and returns nil when it passes. Test
// the result against nil before storing it in an error variable: a nil
// *PasswordError in an error interface is not a nil error.
func CheckPassword(o ConnectionOptions, password string) *PasswordError {
	d := passwordPolicy(o).missing(password)
	if d.Verified {
		return nil
	}
	return &PasswordError{Description: d}
}

// PasswordPolicyText returns the policy of o as sheriff's toString(), for
// pages that show the rules before a password is typed.
func PasswordPolicyText(o ConnectionOptions) string {
	return flatRules(passwordPolicy(o).missing("").Rules, 0)
}

// flatRules is sheriff's flatDescriptions: the policy as indented bullets.
func flatRules(rules []PasswordRule, depth int) string {
	lines := make([]string, 0, len(rules))
	spaces := strings.Repeat(" ", depth)
	for _, r := range rules {
		line := spaces + "* " + formatRule(r.Message, r.Format)
		if len(r.Items) > 0 {
			line += "\n" + spaces + flatRules(r.Items, depth+1)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// formatRule fills %d and %s in order, like sheriff's util.format.
func formatRule(msg string, args []any) string {
	var b strings.Builder
	for i := 0; i < len(msg); i++ {
		if msg[i] == '%' && i+1 < len(msg) && (msg[i+1] == 'd' || msg[i+1] == 's') && len(args) > 0 {
			b.WriteString(formatArg(args[0]))
			args = args[1:]
			i++
			continue
		}
		b.WriteByte(msg[i])
	}
	return b.String()
}

func formatArg(a any) string {
	switch v := a.(type) {
	case int:
		return strconv.Itoa(v)
	case string:
		return v
	}
	return ""
}
