package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gatehouse/gatehouse/internal/gateway"
)

const gatewaySummary = `Runs the API gateway: routes (method and path pattern) proxied to upstream URLs,
guarded by JWT authorizers (issuer_url, audience) with a default_authorizer, per-route
scopes and permissions, verified claims passed upstream as X-Auth-* headers. Prints
the base URL and the route table. SIGHUP reloads the file without dropping requests;
a file with errors is logged and the running routes stay. Metrics are served on
admin_listen. See internal/gateway's documentation for the file format.`

// shutdownGrace bounds how long requests in flight may finish at exit.
const shutdownGrace = 30 * time.Second

func runGateway(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("gateway --config FILE", gatewaySummary, stderr)
	g := &gatewayMain{log: newLogger(stderr), out: stdout}
	fs.StringVar(&g.path, "config", envDefault("GATEWAY_CONFIG", "gateway.yaml"),
		"the gateway file (GATEHOUSE_GATEWAY_CONFIG)")
	fs.StringVar(&g.listen, "listen", "", "host:port overriding the file's listen")
	if err := fs.Parse(args); err != nil {
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	if err := g.Start(ctx); err != nil {
		return err
	}
	for {
		select {
		case <-hup:
			g.Reload()
		case <-ctx.Done():
			g.log.Info("shutting down")
			return g.Close()
		}
	}
}

// gatewayMain is the running gateway: Start, Reload, Close. Tests drive
// it on port 0.
type gatewayMain struct {
	path, listen string
	log          *slog.Logger
	out          io.Writer

	gw       *gateway.Gateway
	BaseURL  string
	AdminURL string // "" without admin_listen
	servers  []*http.Server
	cancel   context.CancelFunc
	done     chan error
}

// Start loads the file, binds the listeners, serves in the background
// and prints the base URL and the route table.
func (g *gatewayMain) Start(ctx context.Context) error {
	cfg, err := gateway.Load(g.path)
	if err != nil {
		return err
	}
	if g.listen != "" {
		cfg.Listen = g.listen
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	ctx, g.cancel = context.WithCancel(ctx)
	if g.gw, err = gateway.New(ctx, cfg, gateway.Options{Log: g.log, Registry: reg}); err != nil {
		g.cancel()
		return err
	}
	if err := g.serve(cfg, reg); err != nil {
		g.Close()
		return err
	}
	g.printBanner(cfg)
	g.log.Info("gateway ready", "addr", g.BaseURL, "admin", g.AdminURL, "routes", len(cfg.Routes))
	return nil
}

// serve binds the gateway's listener and the admin one, if any.
func (g *gatewayMain) serve(cfg *gateway.Config, reg *prometheus.Registry) error {
	g.done = make(chan error, 2)
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	scheme := "http"
	if cfg.TLSCert != "" {
		scheme = "https"
	}
	g.BaseURL = scheme + "://" + displayAddr(ln.Addr())
	g.start(ln, g.gw, cfg.TLSCert, cfg.TLSKey)
	if cfg.AdminListen == "" {
		return nil
	}
	aln, err := net.Listen("tcp", cfg.AdminListen)
	if err != nil {
		return err
	}
	g.AdminURL = "http://" + displayAddr(aln.Addr())
	g.start(aln, adminMux(reg), "", "")
	return nil
}

func (g *gatewayMain) start(ln net.Listener, h http.Handler, cert, key string) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(g.log.Handler(), slog.LevelWarn)}
	g.servers = append(g.servers, srv)
	go func() {
		var err error
		if cert != "" {
			err = srv.ServeTLS(ln, cert, key)
		} else {
			err = srv.Serve(ln)
		}
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		g.done <- err
	}()
}

// adminMux serves the metrics and a liveness check.
func adminMux(reg *prometheus.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"ok"}`+"\n")
	})
	return mux
}

// displayAddr names a bound address as clients would reach it.
func displayAddr(a net.Addr) string {
	host, port, _ := net.SplitHostPort(a.String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func (g *gatewayMain) printBanner(cfg *gateway.Config) {
	fmt.Fprintf(g.out, "Base API URL -> %s\n", g.BaseURL)
	cfg.WriteRoutes(g.out)
	if g.AdminURL != "" {
		fmt.Fprintf(g.out, "Metrics -> %s/metrics\n", g.AdminURL)
	}
}

// Reload rereads the file; on error the running routes stay.
func (g *gatewayMain) Reload() error {
	if err := g.gw.ReloadFile(g.path); err != nil {
		g.log.Error("gateway reload failed; keeping the running routes", "file", g.path, "err", err)
		return err
	}
	g.log.Info("gateway reloaded", "file", g.path, "routes", len(g.gw.Config().Routes))
	g.gw.Config().WriteRoutes(g.out)
	return nil
}

// Close stops accepting, lets requests in flight finish (up to
// shutdownGrace), and stops the key fetches.
func (g *gatewayMain) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	var err error
	for _, s := range g.servers {
		err = errors.Join(err, s.Shutdown(ctx))
	}
	for range g.servers {
		err = errors.Join(err, <-g.done)
	}
	g.servers = nil
	if g.cancel != nil {
		g.cancel()
	}
	return err
}
