package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/keys"
)

const keysSummary = `keys list: the signing keys and their states.
keys rotate [--alg RS256|ES256]: a new key signs from now on; the old key stays
published in the JWKS until every token it signed has expired. Safe to run
while replicas serve: they pick the new key up within 30 seconds.`

func runKeys(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := newFlagSet("keys list|rotate [flags]", keysSummary, stderr)
	o.storeFlags(fs)
	alg := fs.String("alg", "RS256", "algorithm of the key to rotate: RS256 or ES256")
	verb, err := parseVerb(fs, args, "list", "rotate")
	if err != nil {
		return err
	}
	m, st, err := openKeys(ctx, &o, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if verb == "list" {
		return listKeys(stdout, m)
	}
	keep, err := longestTokenLifetime(ctx, st)
	if err != nil {
		return err
	}
	if err := m.Rotate(ctx, *alg, keep); err != nil {
		return err
	}
	return listKeys(stdout, m)
}

func openKeys(ctx context.Context, o *options, stderr io.Writer) (*keys.Manager, idp.Store, error) {
	st, err := openStore(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	log := newLogger(stderr)
	master, err := masterSecret(o.data, log)
	if err == nil {
		var c *keys.Cipher
		if c, err = keys.NewCipher(master); err == nil {
			m := keys.NewManager(st, c, "", time.Now, log)
			if err = m.Load(ctx); err == nil {
				return m, st, nil
			}
		}
	}
	st.Close()
	return nil, nil, err
}

func listKeys(w io.Writer, m *keys.Manager) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KID\tALG\tSTATE\tCREATED\tPUBLISHED UNTIL")
	for _, k := range m.List() {
		until := "-"
		if !k.RetireAt.IsZero() {
			until = k.RetireAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.KID, k.Alg, k.State,
			k.CreatedAt.UTC().Format(time.RFC3339), until)
	}
	return tw.Flush()
}

// longestTokenLifetime is how long a rotated key must stay published: the
// longest lifetime of any access or ID token it may have signed.
func longestTokenLifetime(ctx context.Context, st idp.Store) (time.Duration, error) {
	longest := 36000 // Auth0's default ID-token lifetime
	apis, err := st.ListResourceServers(ctx)
	if err != nil {
		return 0, err
	}
	for _, a := range apis {
		longest = max(longest, a.TokenLifetime, a.TokenLifetimeForWeb)
	}
	clients, err := st.ListClients(ctx)
	if err != nil {
		return 0, err
	}
	for _, c := range clients {
		longest = max(longest, c.JWTConfiguration.LifetimeInSeconds)
	}
	return time.Duration(longest)*time.Second + time.Hour, nil
}
