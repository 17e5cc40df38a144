package idp

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// marshal encodes like the dbconnections handler: no HTML escaping.
func marshal(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// TestPasswordErrorContract checks the body of contract §13.4 (a real
// Auth0 response, quoted by go-auth0's tests) byte for byte.
func TestPasswordErrorContract(t *testing.T) {
	perr := CheckPassword(ConnectionOptions{PasswordPolicy: "good"}, "aaaaaaa!")
	if perr == nil {
		t.Fatal("aaaaaaa! passed the good policy")
	}
	wantDesc := `{"rules":[{"message":"At least %d characters in length","format":[8],"code":"lengthAtLeast","verified":true},{"message":"Contain at least %d of the following %d types of characters:","code":"containsAtLeast","format":[3,4],"items":[{"message":"lower case letters (a-z)","code":"lowerCase","verified":true},{"message":"upper case letters (A-Z)","code":"upperCase","verified":false},{"message":"numbers (i.e. 0-9)","code":"numbers","verified":false},{"message":"special characters (e.g. !@#$%^&*)","code":"specialCharacters","verified":true}],"verified":false}],"verified":false}`
	if got := marshal(t, perr.Description); got != wantDesc {
		t.Errorf("description\n got %s\nwant %s", got, wantDesc)
	}
	wantPolicy := "* At least 8 characters in length\n* Contain at least 3 of the following 4 types of characters:\n * lower case letters (a-z)\n * upper case letters (A-Z)\n * numbers (i.e. 0-9)\n * special characters (e.g. !@#$%^&*)"
	if got := perr.Policy(); got != wantPolicy {
		t.Errorf("policy\n got %q\nwant %q", got, wantPolicy)
	}
}

func TestPasswordErrorIsInvalid(t *testing.T) {
	var err error = CheckPassword(ConnectionOptions{PasswordPolicy: "low"}, "abc")
	if ErrorCode(err) != EInvalid || ErrorMessage(err) != "Password is too weak" {
		t.Fatalf("code %q message %q", ErrorCode(err), ErrorMessage(err))
	}
	var perr *PasswordError
	if !errors.As(err, &perr) {
		t.Fatal("errors.As(*PasswordError) failed")
	}
}

func TestPasswordLevels(t *testing.T) {
	tests := []struct {
		level string
		min   int
		pw    string
		ok    bool
	}{
		{"none", 0, "", false},
		{"none", 0, "a", true},
		{"none", 0, " ", true},
		{"unknown-level", 0, "a", true},
		{"", 0, "x", true},
		{"low", 0, "abcde", false},
		{"low", 0, "abcdef", true},
		{"low", 0, "€€€€€€", true},
		{"low", 0, "😀😀😀", true}, // six UTF-16 units, as JavaScript counts
		{"low", 0, "😀😀", false},
		{"fair", 0, "Abcdef1", false},
		{"fair", 0, "Abcdefg1", true},
		{"fair", 0, "abcdefg1", false},
		{"fair", 0, "ABCDEFG1", false},
		{"fair", 0, "Abcdefgh", false},
		{"fair", 0, "Abcdefg!", false},
		{"good", 0, "abcdefg1", false},
		{"good", 0, "Abcdefg1", true},
		{"good", 0, "abcdef1!", true},
		{"good", 0, "ABCDEF1!", true},
		{"good", 0, "Abcde1!", false},
		{"good", 0, "abcdéfg1", false}, // é is no lower-case letter (a-z)
		{"good", 0, "abc def1", true},  // a space is special
		{"excellent", 0, "Abcdefgh1", false},
		{"excellent", 0, "Abcdefgh12", true},
		{"excellent", 0, "Abbcdefgh1", true},
		{"excellent", 0, "Abbbcdefg1", false},
		{"excellent", 0, "Aaabcdefg1", true}, // A then aa: case-sensitive
		{"excellent", 0, "Abcdefg111", false},
		{"good", 12, "Abcdefg1", false},
		{"good", 12, "Abcdefghij1!", true},
		{"none", 4, "abc", false},
		{"none", 4, "abcd", true},
		{"low", 1, "a", true},
	}
	for _, tt := range tests {
		got := CheckPassword(ConnectionOptions{PasswordPolicy: tt.level, MinLength: tt.min}, tt.pw) == nil
		if got != tt.ok {
			t.Errorf("%s/min %d %q: ok = %v, want %v", tt.level, tt.min, tt.pw, got, tt.ok)
		}
	}
}

func TestPasswordRuleShapes(t *testing.T) {
	tests := []struct {
		name string
		o    ConnectionOptions
		pw   string
		want string
	}{
		{"none", ConnectionOptions{}, "",
			`{"rules":[{"message":"Non-empty password required","code":"nonEmpty","verified":false}],"verified":false}`},
		{"fair", ConnectionOptions{PasswordPolicy: "fair"}, "abcdefgh",
			`{"rules":[{"message":"At least %d characters in length","format":[8],"code":"lengthAtLeast","verified":true},{"message":"Should contain:","code":"shouldContain","verified":false,"items":[{"message":"lower case letters (a-z)","code":"lowerCase","verified":true},{"message":"upper case letters (A-Z)","code":"upperCase","verified":false},{"message":"numbers (i.e. 0-9)","code":"numbers","verified":false}]}],"verified":false}`},
		{"excellent", ConnectionOptions{PasswordPolicy: "excellent"}, "Aaaa1!bcdef",
			`{"rules":[{"message":"At least %d characters in length","format":[10],"code":"lengthAtLeast","verified":true},{"message":"Contain at least %d of the following %d types of characters:","code":"containsAtLeast","format":[3,4],"items":[{"message":"lower case letters (a-z)","code":"lowerCase","verified":true},{"message":"upper case letters (A-Z)","code":"upperCase","verified":true},{"message":"numbers (i.e. 0-9)","code":"numbers","verified":true},{"message":"special characters (e.g. !@#$%^&*)","code":"specialCharacters","verified":true}],"verified":true},{"message":"No more than %d identical characters in a row (e.g., \"%s\" not allowed)","code":"identicalChars","format":[2,"aaa"],"verified":false}],"verified":false}`},
	}
	for _, tt := range tests {
		perr := CheckPassword(tt.o, tt.pw)
		if perr == nil {
			t.Fatalf("%s: %q passed", tt.name, tt.pw)
		}
		if got := marshal(t, perr.Description); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestPasswordPolicyText(t *testing.T) {
	tests := map[string]string{
		"none":      "* Non-empty password required",
		"low":       "* At least 6 characters in length",
		"fair":      "* At least 8 characters in length\n* Should contain:\n * lower case letters (a-z)\n * upper case letters (A-Z)\n * numbers (i.e. 0-9)",
		"excellent": "* At least 10 characters in length\n* Contain at least 3 of the following 4 types of characters:\n * lower case letters (a-z)\n * upper case letters (A-Z)\n * numbers (i.e. 0-9)\n * special characters (e.g. !@#$%^&*)\n* No more than 2 identical characters in a row (e.g., \"aaa\" not allowed)",
	}
	for level, want := range tests {
		if got := PasswordPolicyText(ConnectionOptions{PasswordPolicy: level}); got != want {
			t.Errorf("%s\n got %q\nwant %q", level, got, want)
		}
	}
}
