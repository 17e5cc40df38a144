package dbconn

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
)

var localID = regexp.MustCompile(`^[0-9a-f]{24}$`)

func TestSignupJSON(t *testing.T) {
	e := newEnv(t)
	r := e.postJSON("/dbconnections/signup", signupBody(map[string]any{"email": "Ana@Example.com"}))
	if r.status != 200 || r.ctype != "application/json; charset=utf-8" {
		t.Fatalf("%d %s %s", r.status, r.ctype, r.body)
	}
	var got map[string]any
	json.Unmarshal([]byte(r.body), &got)
	id, _ := got["_id"].(string)
	if !localID.MatchString(id) || len(got) != 3 || got["email"] != "ana@example.com" || got["email_verified"] != false {
		t.Fatalf("body %s", r.body)
	}
	want := `{"_id":"` + id + `","email":"ana@example.com","email_verified":false}`
	if r.body != want {
		t.Errorf("body\n got %s\nwant %s", r.body, want)
	}
	if _, err := e.store.GetUser(context.Background(), "auth0|"+id); err != nil {
		t.Fatalf("stored user: %v", err)
	}
}

func TestSignupEchoesProfile(t *testing.T) {
	e := newEnv(t)
	r := e.postJSON("/dbconnections/signup", signupBody(map[string]any{
		"connection": "usernames", "password": "x", "username": "ana",
		"given_name": "Ana", "family_name": "Lima", "name": "Ana Lima", "nickname": "al",
		"picture": "https://example.com/a.png", "user_metadata": map[string]any{"plan": "free"},
	}))
	var got map[string]any
	json.Unmarshal([]byte(r.body), &got)
	if r.status != 200 || got["username"] != "ana" || got["given_name"] != "Ana" || got["family_name"] != "Lima" ||
		got["name"] != "Ana Lima" || got["nickname"] != "al" || got["picture"] != "https://example.com/a.png" ||
		got["user_metadata"].(map[string]any)["plan"] != "free" {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if !strings.HasPrefix(r.body, `{"_id":"`) || !strings.Contains(r.body, `"email":"ana@example.com","username":"ana","email_verified":false`) {
		t.Errorf("key order: %s", r.body)
	}
}

func TestSignupForm(t *testing.T) {
	e := newEnv(t)
	r := e.post("/dbconnections/signup", "application/x-www-form-urlencoded", form(map[string]string{
		"client_id": client, "connection": idp.DefaultConnection, "email": "bo@example.com", "password": "Correct-Horse-1"}))
	if r.status != 200 || !strings.Contains(r.body, `"email":"bo@example.com"`) {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

func TestSignupUserExists(t *testing.T) {
	e := newEnv(t)
	if r := e.postJSON("/dbconnections/signup", signupBody(nil)); r.status != 200 {
		t.Fatalf("first signup: %d %s", r.status, r.body)
	}
	r := e.postJSON("/dbconnections/signup", signupBody(map[string]any{"email": "ANA@example.com"}))
	want := `{"name":"BadRequestError","code":"invalid_signup","description":"Invalid sign up","statusCode":400}`
	if r.status != 400 || r.body != want || r.ctype != "application/json; charset=utf-8" {
		t.Fatalf("%d %s", r.status, r.body)
	}
	_, err := e.store.UpdateTenant(context.Background(), func(t *idp.Tenant) error {
		t.Flags["enable_public_signup_user_exists_error"] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r = e.postJSON("/dbconnections/signup", signupBody(nil))
	want = `{"name":"BadRequestError","code":"user_exists","description":"The user already exists.","statusCode":400}`
	if r.status != 400 || r.body != want {
		t.Fatalf("with flag: %d %s", r.status, r.body)
	}
}

// TestSignupWeakPassword checks the whole body of contract §13.4, a real
// Auth0 response, byte for byte.
func TestSignupWeakPassword(t *testing.T) {
	e := newEnv(t)
	r := e.postJSON("/dbconnections/signup", signupBody(map[string]any{"password": "aaaaaaa!"}))
	want := `{"name":"PasswordStrengthError","message":"Password is too weak","code":"invalid_password","description":{"rules":[{"message":"At least %d characters in length","format":[8],"code":"lengthAtLeast","verified":true},{"message":"Contain at least %d of the following %d types of characters:","code":"containsAtLeast","format":[3,4],"items":[{"message":"lower case letters (a-z)","code":"lowerCase","verified":true},{"message":"upper case letters (A-Z)","code":"upperCase","verified":false},{"message":"numbers (i.e. 0-9)","code":"numbers","verified":false},{"message":"special characters (e.g. !@#$%^&*)","code":"specialCharacters","verified":true}],"verified":false}],"verified":false},"policy":"* At least 8 characters in length\n* Contain at least 3 of the following 4 types of characters:\n * lower case letters (a-z)\n * upper case letters (A-Z)\n * numbers (i.e. 0-9)\n * special characters (e.g. !@#$%^&*)","statusCode":400}`
	if r.status != 400 || r.body != want || r.ctype != "application/json; charset=utf-8" {
		t.Fatalf("%d\n got %s\nwant %s", r.status, r.body, want)
	}
}

func TestSignupBadInput(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name string
		body map[string]any
		code string
	}{
		{"no client_id", signupBody(map[string]any{"client_id": nil}), "invalid_parameter"},
		{"no connection", signupBody(map[string]any{"connection": nil}), "invalid_parameter"},
		{"no email", signupBody(map[string]any{"email": nil}), "invalid_parameter"},
		{"no password", signupBody(map[string]any{"password": nil}), "invalid_parameter"},
		{"bad email", signupBody(map[string]any{"email": "ana"}), "invalid_parameter"},
		{"unknown connection", signupBody(map[string]any{"connection": "nope"}), "invalid_connection"},
		{"client not enabled", signupBody(map[string]any{"client_id": "other"}), "invalid_connection"},
		{"signup disabled", signupBody(map[string]any{"connection": "closed"}), "signup_disabled"},
		{"username missing", signupBody(map[string]any{"connection": "usernames"}), "invalid_parameter"},
		{"username not allowed", signupBody(map[string]any{"username": "ana"}), "invalid_parameter"},
		{"metadata count", signupBody(map[string]any{"user_metadata": map[string]any{
			"a": "", "b": "", "c": "", "d": "", "e": "", "f": "", "g": "", "h": "", "i": "", "j": "", "k": ""}}), "invalid_parameter"},
		{"metadata value", signupBody(map[string]any{"user_metadata": map[string]any{"a": strings.Repeat("v", 501)}}), "invalid_parameter"},
		{"metadata object", signupBody(map[string]any{"user_metadata": map[string]any{"a": map[string]any{"b": 1}}}), "invalid_parameter"},
	}
	for _, tt := range tests {
		r := e.postJSON("/dbconnections/signup", tt.body)
		t.Run(tt.name, func(t *testing.T) { familyB(t, r, 400, tt.code) })
	}
}

func TestSignupBodyErrors(t *testing.T) {
	e := newEnv(t)
	familyB(t, e.post("/dbconnections/signup", "application/json", `{"email":`), 400, "invalid_body")
	familyB(t, e.post("/dbconnections/signup", "application/json", `{"email":5}`), 400, "invalid_body")
	familyB(t, e.post("/dbconnections/signup", "application/json", `{"user_metadata":"x"}`), 400, "invalid_body")
	familyB(t, e.post("/dbconnections/signup", "text/plain", `email=a`), 415, "unsupported_media_type")
	familyB(t, e.post("/dbconnections/signup", "", `{}`), 415, "unsupported_media_type")
	big := `{"email":"` + strings.Repeat("a", 70<<10) + `"}`
	familyB(t, e.post("/dbconnections/signup", "application/json", big), 413, "payload_too_large")
}

// TestNeverServerErrorForBadInput throws odd bodies at both endpoints.
func TestNeverServerErrorForBadInput(t *testing.T) {
	e := newEnv(t)
	bodies := []string{"", "null", "[]", "{}", `"x"`, "0", `{"email":null}`, `{"password":{"a":1}}`,
		`{"client_id":"` + client + `","connection":"` + idp.DefaultConnection + `","email":"a@b.c","password":"` + strings.Repeat("A1a!", 4000) + `"}`,
		`{"connection":"\u0000","email":"\u0000@x","client_id":"` + client + `","password":"x"}`,
		`{"client_id":"` + client + `","connection":"` + idp.DefaultConnection + `","email":"a@b.c","password":"Correct-Horse-1","picture":"::"}`,
	}
	for _, path := range []string{"/dbconnections/signup", "/dbconnections/change_password"} {
		for _, b := range bodies {
			if r := e.post(path, "application/json", b); r.status >= 500 {
				t.Errorf("%s %q: %d %s", path, b, r.status, r.body)
			}
		}
	}
	if r := e.post("/dbconnections/signup", "application/x-www-form-urlencoded", "a=%zz"); r.status != 400 {
		t.Errorf("bad form: %d", r.status)
	}
}

// TestOverloadIs503: with one hashing slot and no wait, concurrent signups
// are refused with 503, never queued into a timeout or a 500.
func TestOverloadIs503(t *testing.T) {
	e := newEnv(t, func(o *authn.Options) { o.HashConcurrency = 1; o.HashWait = 1 })
	var wg sync.WaitGroup
	statuses := make(chan response, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			statuses <- e.postJSON("/dbconnections/signup", signupBody(map[string]any{
				"email": string(rune('a'+i)) + "@example.com"}))
		}(i)
	}
	wg.Wait()
	close(statuses)
	busy := 0
	for r := range statuses {
		switch r.status {
		case 200:
		case 503:
			familyB(t, r, 503, "temporarily_unavailable")
			if r.header.Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
			busy++
		default:
			t.Errorf("status %d %s", r.status, r.body)
		}
	}
	if busy == 0 {
		t.Error("no request was refused")
	}
}

func TestErrorMapping(t *testing.T) {
	h := &Handler{}
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{idp.Errorf(idp.ETooManyAttempts, "slow down"), 429, "too_many_attempts"},
		{idp.Errorf(idp.EUnavailable, "busy"), 503, "temporarily_unavailable"},
		{context.Canceled, 503, "temporarily_unavailable"},
		{idp.Errorf(idp.EInvalid, "bad"), 400, "invalid_parameter"},
		{errPlain("db is on fire"), 500, "server_error"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		h.writeError(w, httptest.NewRequest("POST", "/dbconnections/signup", nil), tt.err)
		r := response{w.Code, w.Header().Get("Content-Type"), w.Header(), w.Body.String()}
		m := familyB(t, r, tt.status, tt.code)
		if tt.status == 500 && m["description"] != "Internal error." {
			t.Errorf("500 leaks %q", m["description"])
		}
	}
}

type errPlain string

func (e errPlain) Error() string { return string(e) }

// TestSignupSuspiciousIP: past its signup attempts an IP gets 429
// too_many_attempts with Auth0's text, and no user is stored.
func TestSignupSuspiciousIP(t *testing.T) {
	e := newEnv(t)
	_, err := e.store.UpdateTenant(context.Background(), func(t *idp.Tenant) error {
		t.IPThrottle.PreRegistration = idp.ThrottleRate{MaxAttempts: 1, Every: time.Hour}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := e.postJSON("/dbconnections/signup", signupBody(nil)); r.status != 200 {
		t.Fatalf("first signup: %d %s", r.status, r.body)
	}
	r := e.postJSON("/dbconnections/signup", signupBody(map[string]any{"email": "bo@example.com"}))
	m := familyB(t, r, 429, "too_many_attempts")
	if m["description"] != "We have detected suspicious login behavior and further attempts will be blocked. Please contact the administrator." {
		t.Fatalf("description %q", m["description"])
	}
	if _, err := e.store.GetUserByEmail(context.Background(), idp.DefaultConnection, "bo@example.com"); !idp.IsNotFound(err) {
		t.Fatalf("a throttled signup stored a user: %v", err)
	}
}
