package main

// TEMPORARY diagnostic benchmarks; deleted after the investigation.

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/server"
)

// restartWithPool serves the same store and keys on a second listener
// whose authn pool has the given wait, and points m.opts.issuer at it.
func restartWithPool(b *testing.B, m *Main, wait time.Duration) {
	users := authn.New(m.Store, authn.Options{Issuer: m.opts.issuer, HashWait: wait})
	h := server.New(server.Deps{Issuer: m.opts.issuer, Store: m.Store, Keys: m.Keys, Users: users,
		Secrets: m.secrets, Log: m.log, Registry: prometheus.NewRegistry()})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	tc, err := m.tlsConfig()
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { server.Serve(ctx, ln, h, tc, m.log); close(done) }()
	b.Cleanup(func() { cancel(); <-done })
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	m.opts.issuer = "https://localhost:" + port + "/"
}

func BenchmarkScratchPassword(b *testing.B) {
	for _, conns := range []int{2, 4, 8, 32} {
		for _, wait := range []time.Duration{0, 500 * time.Millisecond, 1500 * time.Millisecond} {
			if conns < 32 && wait != 0 {
				continue
			}
			b.Run(fmt.Sprintf("conns=%d/wait=%v", conns, wait), func(b *testing.B) {
				m := startBenchServer(b)
				if wait != 0 {
					restartWithPool(b, m, wait)
				}
				res := runLoad(b, m, conns, benchForms["password"])
				res.check(b, http.StatusOK, http.StatusServiceUnavailable)
				b.ReportMetric(res.rate(http.StatusOK), "grants/s")
				b.ReportMetric(res.share(http.StatusServiceUnavailable), "503-share")
				b.ReportMetric(res.quantileMS(0.50, http.StatusOK), "p50-ms")
				b.ReportMetric(res.quantileMS(0.99, http.StatusOK), "p99-ms")
				b.ReportMetric(res.quantileMS(0.99, http.StatusServiceUnavailable), "503-p99-ms")
			})
		}
	}
}

func BenchmarkScratchOverloadWait(b *testing.B) {
	for _, wait := range []time.Duration{500 * time.Millisecond, 1500 * time.Millisecond} {
		b.Run(fmt.Sprintf("wait=%v", wait), func(b *testing.B) {
			m := startBenchServer(b)
			restartWithPool(b, m, wait)
			res := runLoad(b, m, 128, benchForms["password"])
			res.check(b, http.StatusOK, http.StatusServiceUnavailable, http.StatusTooManyRequests)
			b.ReportMetric(res.rate(http.StatusOK), "grants/s")
			b.ReportMetric(res.share(http.StatusServiceUnavailable, 429), "refused-share")
			b.ReportMetric(res.quantileMS(0.99, http.StatusServiceUnavailable, 429), "refused-p99-ms")
			b.ReportMetric(res.quantileMS(0.50, http.StatusOK), "ok-p50-ms")
			b.ReportMetric(res.quantileMS(0.99, http.StatusOK), "ok-p99-ms")
		})
	}
}
