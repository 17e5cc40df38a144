package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/gatehouse/gatehouse/internal/config"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/keys"
)

const applySummary = `Applies an auth0-deploy-cli tenant.yaml to the database, idempotently:
entities are matched by name (clients, roles, connections) or identifier (APIs);
entities not in the file are left alone. Generated client secrets are printed once.`

func runApply(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := newFlagSet("apply [flags] FILE", applySummary, stderr)
	o.storeFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("apply takes one tenant file")
	}
	st, secrets, err := openWithSecrets(ctx, &o, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := bootstrap(ctx, st, secrets); err != nil {
		return err
	}
	res, err := applyFile(ctx, st, secrets, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, summary(res))
	printSecrets(stdout, res.Secrets)
	return nil
}

// openWithSecrets opens the store and the client-secret hasher.
func openWithSecrets(ctx context.Context, o *options, stderr io.Writer) (idp.Store, *idp.SecretHasher, error) {
	st, err := openStore(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	master, err := masterSecret(o.data, newLogger(stderr))
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, idp.NewSecretHasher(keys.DeriveKey(master, "client secrets")), nil
}

// applyFile loads, validates and applies a tenant file.
func applyFile(ctx context.Context, st idp.Store, secrets *idp.SecretHasher, path string) (config.Result, error) {
	t, err := config.Load(path, config.Options{Env: os.LookupEnv})
	if err != nil {
		return config.Result{}, err
	}
	if err := t.Validate(); err != nil {
		return config.Result{}, err
	}
	return config.Apply(ctx, st, secrets, t, time.Now())
}

func printSecrets(w io.Writer, secrets map[string]string) {
	names := make([]string, 0, len(secrets))
	for n := range secrets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "client %q secret: %s\n", n, secrets[n])
	}
}

// summary counts what an Apply did, e.g. "2 created, 0 updated, 5 unchanged".
func summary(r config.Result) string {
	return fmt.Sprintf("%d created, %d updated, %d unchanged",
		r.Count(config.Created), r.Count(config.Updated), r.Count(config.Unchanged))
}
