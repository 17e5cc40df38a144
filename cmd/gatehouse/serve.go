package main

import (
	"context"
	"io"
	"log/slog"
)

const serveSummary = `Runs the identity server. Production settings come from flags or the
GATEHOUSE_* environment variables; GATEHOUSE_SECRET holds the master secret that
encrypts signing keys and keys client-secret hashes.`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := newFlagSet("serve [flags]", serveSummary, stderr)
	o.storeFlags(fs)
	o.serveFlags(fs, "127.0.0.1:8443")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return serve(ctx, o, newLogger(stderr))
}

// serve runs Main until ctx is done.
func serve(ctx context.Context, o options, log *slog.Logger) error {
	if err := o.normalizeIssuer(); err != nil {
		return err
	}
	m := &Main{opts: o, log: log}
	if err := m.Run(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	log.Info("shutting down")
	return m.Close()
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, nil))
}
