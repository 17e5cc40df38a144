package exampleapi

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gatehouse/gatehouse/jwtauth"
)

// Flags are the command line every example API takes.
type Flags struct {
	Issuer, Audience, Listen, CAFile string
	BehindGateway                    bool
}

// Parse reads the command line, with the example's own defaults.
func Parse(audience, listen string) Flags {
	var f Flags
	flag.StringVar(&f.Issuer, "issuer", "https://localhost:8443/", "the token issuer, exactly as in the tokens' iss")
	flag.StringVar(&f.Audience, "audience", audience, "the API identifier the tokens must be for")
	flag.StringVar(&f.Listen, "listen", listen, "host:port to listen on (port 0 picks one)")
	flag.StringVar(&f.CAFile, "cacert", "", "PEM CA to trust for the issuer (gatehouse dev: .gatehouse/tls/ca.pem)")
	flag.BoolVar(&f.BehindGateway, "behind-gateway", false,
		"trust the X-Auth-* headers of `gatehouse gateway` instead of checking tokens")
	flag.Parse()
	return f
}

// Main serves the API that routes builds, guarded as f says, until
// SIGINT or SIGTERM.
func Main(name string, f Flags, routes func(guard func(http.Handler) http.Handler) http.Handler) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	guard := FromGateway
	if !f.BehindGateway {
		v, err := Validator(ctx, f.Issuer, f.Audience, f.CAFile)
		if err != nil {
			log.Fatal(err)
		}
		guard = jwtauth.Middleware(v)
	}
	if err := serve(ctx, name, f.Listen, routes(guard)); err != nil {
		log.Fatal(err)
	}
}

// Validator checks tokens from issuer for audience, finding the keys by
// OIDC discovery and trusting caFile besides the system roots.
func Validator(ctx context.Context, issuer, audience, caFile string) (*jwtauth.Validator, error) {
	c := jwtauth.Config{Issuer: issuer, Audiences: []string{audience}}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, err
		}
		pool, _ := x509.SystemCertPool()
		if pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: no PEM certificate", caFile)
		}
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
		c.HTTPClient = &http.Client{Transport: tr, Timeout: 10 * time.Second}
	}
	return jwtauth.New(ctx, c)
}

// serve prints the bound address and serves until ctx is done.
func serve(ctx context.Context, name, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	fmt.Printf("%s listening on http://%s\n", name, ln.Addr())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
