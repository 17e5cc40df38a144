// Command gatehouse is an Auth0-compatible identity server in one binary.
//
//	gatehouse dev                 zero-config local server with a dev tenant
//	gatehouse serve               production server
//	gatehouse apply FILE          apply a tenant.yaml to the database
//	gatehouse token               a test access token for an API (offline, or
//	                              client credentials over HTTPS, cached)
//	gatehouse gateway             the API gateway with JWT authorizers
//	gatehouse users create|list|unblock  manage database users
//	gatehouse keys list|rotate    manage signing keys
//	gatehouse version             print the version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"dev", "run a zero-config local server with a dev tenant", runDev},
		{"serve", "run the server (production)", runServe},
		{"apply", "apply a tenant.yaml file to the database", runApply},
		{"token", "mint a test access token for an API", runToken},
		{"gateway", "run the API gateway with JWT authorizers", runGateway},
		{"users", "manage database users (create, list, unblock)", runUsers},
		{"keys", "manage signing keys (list, rotate)", runKeys},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gatehouse:", err)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return errors.New("a command is required")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: gatehouse <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'gatehouse <command> --help' for a command's flags.")
}

func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) error {
	fmt.Fprintln(stdout, "gatehouse", version)
	return nil
}
