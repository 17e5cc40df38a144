package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
)

const usersSummary = `users create --email E --password P [--connection C] [--username U]
users list [--page N] [--per-page N]
users unblock --email E [--connection C]: lift brute-force blocks from every IP
users unblock --ip A: lift suspicious-IP throttling of an address`

func runUsers(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := newFlagSet("users create|list|unblock [flags]", usersSummary, stderr)
	o.storeFlags(fs)
	in := authn.SignupInput{}
	fs.StringVar(&in.Email, "email", "", "create: the user's email")
	fs.StringVar(&in.Password, "password", "", "create: the password (checked against the connection's policy)")
	fs.StringVar(&in.Connection, "connection", idp.DefaultConnection, "create: database connection name")
	fs.StringVar(&in.Username, "username", "", "create: username, if the connection requires one")
	ip := fs.String("ip", "", "unblock: an IP address to lift suspicious-IP throttling from (instead of --email)")
	page := fs.Int("page", 0, "list: page, from 0")
	perPage := fs.Int("per-page", 50, "list: users per page (at most 100)")
	verb, err := parseVerb(fs, args, "create", "list", "unblock")
	if err != nil {
		return err
	}
	st, err := openStore(ctx, &o)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := authn.New(st, authn.Options{Now: time.Now, Log: newLogger(stderr)})
	switch {
	case verb == "create":
		u, err := svc.CreateUser(ctx, in)
		if err != nil {
			return fmt.Errorf("%s", userError(err))
		}
		fmt.Fprintln(stdout, u.ID)
		return nil
	case verb == "list":
		return listUsers(ctx, stdout, st, *page, min(max(*perPage, 1), 100))
	case *ip != "":
		return unblockIP(ctx, stdout, svc, *ip)
	}
	return unblock(ctx, stdout, st, in.Connection, in.Email)
}

// unblockIP lifts the suspicious-IP throttling of ip.
func unblockIP(ctx context.Context, w io.Writer, svc *authn.Service, ip string) error {
	if err := svc.UnblockIP(ctx, ip); err != nil {
		return fmt.Errorf("%s", idp.ErrorMessage(err))
	}
	fmt.Fprintln(w, "unblocked", ip)
	return nil
}

// userError explains a domain error, including a password policy's rules.
func userError(err error) string {
	var pe *idp.PasswordError
	if errors.As(err, &pe) {
		return "password is too weak; the policy:\n" + pe.Policy()
	}
	return idp.ErrorMessage(err)
}

func listUsers(ctx context.Context, w io.Writer, st idp.Store, page, perPage int) error {
	p, err := st.ListUsers(ctx, page, perPage)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USER ID\tEMAIL\tCONNECTION\tLOGINS\tBLOCKED")
	for _, u := range p.Users {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%v\n", u.ID, u.Email, u.Connection, u.LoginsCount, u.Blocked)
	}
	fmt.Fprintf(tw, "(%d of %d)\n", len(p.Users), p.Total)
	return tw.Flush()
}

// unblock clears the user's brute-force counters for every IP, as Auth0's
// DELETE /api/v2/user-blocks does.
func unblock(ctx context.Context, w io.Writer, st idp.Store, connection, email string) error {
	u, err := st.GetUserByEmail(ctx, connection, idp.NormalizeEmail(email))
	if err != nil {
		return fmt.Errorf("%s", idp.ErrorMessage(err))
	}
	if err := st.ClearLoginFailures(ctx, u.ID, ""); err != nil {
		return err
	}
	fmt.Fprintln(w, "unblocked", u.ID)
	return nil
}
