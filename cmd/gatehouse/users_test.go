package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

func TestUsersCommands(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	users := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"users"}, append(args, "--data", dir)...), &out, io.Discard)
		return out.String(), err
	}
	// The connection exists once a tenant has been applied or served.
	st, _ := sqlite.Open(ctx, dir+"/gatehouse.db")
	bootstrap(ctx, st, idp.NewSecretHasher([]byte("k")))
	st.Close()
	if _, err := users("create", "--email", "weak@example.com", "--password", "short"); err == nil ||
		!strings.Contains(err.Error(), "At least 8 characters") {
		t.Fatalf("weak password: %v, want the policy", err)
	}
	id, err := users("create", "--email", "Ann@Example.com", "--password", "Str0ng-Passw0rd")
	if err != nil || !strings.HasPrefix(id, "auth0|") {
		t.Fatalf("create: %q %v", id, err)
	}
	list, _ := users("list")
	if !strings.Contains(list, "ann@example.com") || !strings.Contains(list, "(1 of 1)") {
		t.Fatalf("list: %q", list)
	}
	st, _ = sqlite.Open(ctx, dir+"/gatehouse.db")
	st.RecordLoginFailure(ctx, strings.TrimSpace(id), "192.0.2.1", time.Now())
	st.Close()
	if out, err := users("unblock", "--email", "ann@example.com"); err != nil || !strings.Contains(out, "unblocked") {
		t.Fatalf("unblock: %q %v", out, err)
	}
	st, _ = sqlite.Open(ctx, dir+"/gatehouse.db")
	defer st.Close()
	if f, _ := st.ListLoginFailures(ctx, strings.TrimSpace(id)); len(f) != 0 {
		t.Fatalf("counters left after unblock: %v", f)
	}
}

func TestUnknownVerbOpensNothing(t *testing.T) {
	dir := t.TempDir() + "/data"
	for _, args := range [][]string{{"users"}, {"users", "delete"}, {"keys", "show"}} {
		err := run(context.Background(), append(args, "--data", dir), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "needs one of") {
			t.Errorf("%v: %v, want a list of the subcommands", args, err)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a refused command created the data directory: %v", err)
	}
}

// TestUsersUnblockIP: `users unblock --ip` refills the address's buckets.
func TestUsersUnblockIP(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, dir+"/gatehouse.db")
	if err != nil {
		t.Fatal(err)
	}
	const key = "pre-login 203.0.113.9" // authn's bucket of failed logins from that address
	if ok, err := st.TakeAttempt(ctx, key, 1, time.Hour, time.Now()); !ok || err != nil {
		t.Fatalf("take: %v %v", ok, err)
	}
	st.Close()
	var out bytes.Buffer
	err = run(ctx, []string{"users", "unblock", "--ip", "203.0.113.9", "--data", dir}, &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), "unblocked 203.0.113.9") {
		t.Fatalf("unblock: %q %v", out.String(), err)
	}
	st, _ = sqlite.Open(ctx, dir+"/gatehouse.db")
	defer st.Close()
	if left, _ := st.AttemptsLeft(ctx, key, 1, time.Hour, time.Now()); left != 1 {
		t.Fatalf("bucket holds %v after the unblock, want 1", left)
	}
	err = run(ctx, []string{"users", "unblock", "--ip", "nonsense", "--data", dir}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "not an IP address") {
		t.Fatalf("bad address: %v", err)
	}
}
