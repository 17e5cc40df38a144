package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/oauth"
)

const tokenSummary = `Mints a test access token for an API, like the Auth0 dashboard's Test tab:
the token a client_credentials request by the application would get (its client
grant decides the scopes), signed with the server's current key. Prints the token.`

func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := newFlagSet("token --audience API [flags]", tokenSummary, stderr)
	o.storeFlags(fs, ".gatehouse")
	fs.StringVar(&o.issuer, "issuer", envDefault("ISSUER", "https://localhost:8443/"),
		"the server's issuer, the token's iss (GATEHOUSE_ISSUER)")
	audience := fs.String("audience", "", "the API identifier (required)")
	client := fs.String("client", "", "application name or client_id; default: the first with a client grant for the API")
	scope := fs.String("scope", "", "space-separated scopes to narrow to; default: all granted")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *audience == "" {
		fs.Usage()
		return errors.New("--audience is required")
	}
	o.listen = "127.0.0.1:8443"
	if err := o.normalizeIssuer(); err != nil {
		return err
	}
	m, st, err := openKeys(ctx, &o, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	clientID, err := pickClient(ctx, st, *client, *audience)
	if err != nil {
		return err
	}
	h := &oauth.Handler{Store: st, Keys: m, Issuer: o.issuer, Now: time.Now}
	tok, _, err := h.TestToken(ctx, clientID, *audience, *scope)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, tok)
	return nil
}

// pickClient resolves --client (a name or an id), or finds a client with
// a grant for the audience.
func pickClient(ctx context.Context, st idp.Store, client, audience string) (string, error) {
	if client != "" {
		if c, err := st.GetClientByName(ctx, client); err == nil {
			return c.ID, nil
		}
		return client, nil
	}
	grants, err := st.ListClientGrants(ctx)
	if err != nil {
		return "", err
	}
	for _, g := range grants {
		if g.Audience == audience {
			return g.ClientID, nil
		}
	}
	return "", fmt.Errorf("no application has a client grant for %q; pass --client", audience)
}
