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
