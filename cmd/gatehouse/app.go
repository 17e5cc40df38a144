package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/devtls"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/keys"
	"github.com/gatehouse/gatehouse/internal/mail"
	"github.com/gatehouse/gatehouse/internal/server"
)

// How often a replica picks up keys rotated elsewhere, and removes expired
// sign-in transactions, codes, sessions and refresh tokens.
const (
	keyReloadEvery = 30 * time.Second
	purgeEvery     = 5 * time.Minute
	mailQueueSize  = 1000
)

// Main is the running program: Run starts it, Close stops it. Tests run
// the real program through it on port 0.
type Main struct {
	opts options
	log  *slog.Logger

	Store  idp.Store
	Keys   *keys.Manager
	Users  *authn.Service
	Addr   string // the address actually listened on
	CAFile string // the local CA, when Gatehouse made its own certificate

	secrets   *idp.SecretHasher
	hot       *server.HotReads // Store's cached hot reads: one cache for Users and the token endpoint
	clientIP  func(*http.Request) string
	mailbox   *mail.Mailbox // dev only
	mailQueue *mail.Queue   // SMTP delivery off the request path
	cancel    context.CancelFunc
	bg        sync.WaitGroup // maintain
	done      chan error
}

// Run opens the store, loads keys, applies the tenant file, and starts
// serving in the background.
func (m *Main) Run(ctx context.Context) error {
	tuneGC()
	proxies, err := server.ParsePrefixes(strings.Split(m.opts.proxies, ","))
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	m.clientIP = server.ClientIP(proxies)
	if err := m.open(ctx); err != nil {
		m.Close()
		return err
	}
	ln, err := net.Listen("tcp", m.opts.listen)
	if err != nil {
		m.Close()
		return err
	}
	m.Addr = ln.Addr().String()
	if err := m.fixIssuerPort(); err != nil {
		ln.Close()
		m.Close()
		return err
	}
	return m.start(ctx, ln)
}

// fixIssuerPort fills the port of a default issuer once port 0 is bound.
func (m *Main) fixIssuerPort() error {
	if m.opts.issuer != "" {
		return nil
	}
	_, port, _ := net.SplitHostPort(m.Addr)
	m.opts.issuer = "https://localhost:" + port + "/"
	return m.opts.normalizeIssuer()
}

func (m *Main) open(ctx context.Context) error {
	var err error
	if m.Store, err = openStore(ctx, &m.opts); err != nil {
		return err
	}
	master, err := masterSecret(m.opts.data, m.log)
	if err != nil {
		return err
	}
	m.secrets = idp.NewSecretHasher(keys.DeriveKey(master, "client secrets"))
	cipher, err := keys.NewCipher(master)
	if err != nil {
		return err
	}
	m.Keys = keys.NewManager(m.Store, cipher, issuerHost(m.opts.issuer), time.Now, m.log)
	if err := m.Keys.Load(ctx); err != nil {
		return fmt.Errorf("signing keys: %w", err)
	}
	if err := bootstrap(ctx, m.Store, m.secrets); err != nil {
		return err
	}
	if err := m.applyTenant(ctx); err != nil {
		return err
	}
	mailer, err := m.mailer()
	if err != nil {
		return err
	}
	m.hot = server.NewHotReads(m.Store, time.Now)
	m.Users = authn.New(m.hot, authn.Options{
		Now: time.Now, Log: m.log, Issuer: m.opts.issuer,
		ResetKey: keys.DeriveKey(master, "password reset tickets"),
		Mailer:   mailer,
	})
	return nil
}

// mailer is the SMTP server when one is configured, else the mailbox
// directory in the data directory (read at /dev/mailbox in dev mode).
func (m *Main) mailer() (authn.Mailer, error) {
	if m.opts.smtp.Addr != "" {
		m.mailQueue = mail.NewQueue(&m.opts.smtp, mailQueueSize, m.log)
		return m.mailQueue, nil
	}
	box, err := mail.NewMailbox(filepath.Join(m.opts.data, "mailbox"), m.opts.smtp.From)
	if err != nil {
		return nil, err
	}
	if m.opts.dev {
		m.mailbox = box
	} else {
		m.log.Warn("no SMTP server configured: mail is written to the data directory", "dir", filepath.Join(m.opts.data, "mailbox"))
	}
	return box, nil
}

func (m *Main) applyTenant(ctx context.Context) error {
	if m.opts.tenant == "" {
		return nil
	}
	res, err := applyFile(ctx, m.Store, m.secrets, m.opts.tenant)
	if err != nil {
		return err
	}
	m.log.Info("tenant applied", "file", m.opts.tenant, "summary", summary(res))
	return nil
}

func (m *Main) start(ctx context.Context, ln net.Listener) error {
	tlsConfig, err := m.tlsConfig()
	if err != nil {
		ln.Close()
		m.Close()
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	h := server.New(server.Deps{
		Issuer: m.opts.issuer, Store: m.Store, HotReads: m.hot, Keys: m.Keys, Users: m.Users,
		Secrets: m.secrets,
		Log:     m.log, Registry: reg, Mailbox: m.mailbox, ClientIP: m.clientIP,
	})
	ctx, m.cancel = context.WithCancel(ctx)
	m.done = make(chan error, 1)
	m.bg.Add(1)
	go func() { defer m.bg.Done(); m.maintain(ctx) }()
	go func() { m.done <- server.Serve(ctx, ln, h, tlsConfig, m.log) }()
	m.log.Info("gatehouse ready", "issuer", m.opts.issuer, "addr", m.Addr, "ca_file", m.CAFile)
	return nil
}

// maintain runs the periodic work until ctx is done.
func (m *Main) maintain(ctx context.Context) {
	reload, purge := time.NewTicker(keyReloadEvery), time.NewTicker(purgeEvery)
	defer reload.Stop()
	defer purge.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-reload.C:
			if err := m.Keys.Reload(ctx); err != nil {
				m.log.Error("reloading signing keys", "err", err)
			}
		case <-purge.C:
			if err := m.Store.PurgeExpired(ctx, time.Now()); err != nil {
				m.log.Error("purging expired records", "err", err)
			}
		}
	}
}

// tlsConfig returns nil for plain HTTP, the given certificate, or a
// certificate from a local CA made in the data directory.
func (m *Main) tlsConfig() (*tls.Config, error) {
	if m.opts.plainHTTP {
		m.log.Warn("serving plain HTTP: only behind a TLS-terminating proxy", "issuer", m.opts.issuer)
		return nil, nil
	}
	if m.opts.tlsCert != "" {
		return server.TLSConfig(m.opts.tlsCert, m.opts.tlsKey)
	}
	hosts := []string{"localhost", "127.0.0.1", "::1", issuerHost(m.opts.issuer)}
	files, err := devtls.Ensure(filepath.Join(m.opts.data, "tls"), hosts, time.Now())
	if err != nil {
		return nil, fmt.Errorf("local TLS certificate: %w", err)
	}
	m.CAFile = files.CACert
	return server.TLSConfig(files.Cert, files.Key)
}

// Wait blocks until the server stops and returns its error.
func (m *Main) Wait() error {
	if m.done == nil {
		return errors.New("not running")
	}
	return <-m.done
}

// Close stops serving (letting in-flight requests finish) and closes the store.
func (m *Main) Close() error {
	var err error
	if m.cancel != nil {
		m.cancel()
		err = <-m.done
		m.bg.Wait()
		m.cancel = nil
	}
	if m.mailQueue != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		m.mailQueue.Close(ctx) // deliver what was queued, for a while
		cancel()
		m.mailQueue = nil
	}
	if m.Store != nil {
		err = errors.Join(err, m.Store.Close())
		m.Store = nil
	}
	return err
}

// issuerHost returns the host name of an issuer URL, without the port.
func issuerHost(issuer string) string {
	u, err := url.Parse(issuer)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
