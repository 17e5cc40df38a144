package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"time"
)

// defaultSMTPTimeout bounds one delivery when the context has no deadline.
const defaultSMTPTimeout = 30 * time.Second

// ErrNoStartTLS is returned when a server that is not on a loopback
// address does not offer STARTTLS: credentials and reset links would
// otherwise cross the network in clear text.
var ErrNoStartTLS = errors.New("mail: the SMTP server does not offer STARTTLS")

// SMTP sends each message through a mail submission server (RFC 6409),
// one connection per message. Like a Mailbox, it is an authn.Mailer.
type SMTP struct {
	Addr     string // host:port, e.g. "smtp.example.com:587"
	From     string // From header and envelope sender; "" means DefaultFrom
	Username string // "" sends without authenticating
	Password string

	TLS     *tls.Config   // optional, e.g. RootCAs of a private CA; ServerName defaults to the host
	Timeout time.Duration // one delivery; default 30 s (an earlier context deadline wins)
}

// Send delivers m. STARTTLS is required unless Addr's host is a loopback
// address; the password is only sent after it (net/smtp's PlainAuth
// refuses otherwise).
func (s *SMTP) Send(ctx context.Context, m Message) error {
	env, err := s.envelope(m)
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("mail: bad SMTP address %q: %w", s.Addr, err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout())
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() }) // unblocks reads on cancel
	defer stop()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return err
	}
	defer c.Close()
	return s.deliver(c, host, !isLoopback(host), env)
}

// envelope is one rendered message and its SMTP addresses.
type envelope struct {
	from, to string
	raw      []byte
}

func (s *SMTP) envelope(m Message) (envelope, error) {
	from := s.From
	if from == "" {
		from = DefaultFrom
	}
	fromAddr, err := mail.ParseAddress(from)
	if err != nil {
		return envelope{}, fmt.Errorf("mail: bad sender %q: %w", from, err)
	}
	raw, err := render(from, time.Now(), m)
	if err != nil {
		return envelope{}, err
	}
	to, _ := mail.ParseAddress(m.To) // render has parsed it
	return envelope{from: fromAddr.Address, to: to.Address, raw: raw}, nil
}

// deliver runs the SMTP exchange on an open client.
func (s *SMTP) deliver(c *smtp.Client, host string, requireTLS bool, env envelope) error {
	if err := s.startTLS(c, host, requireTLS); err != nil {
		return err
	}
	if s.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, host)); err != nil {
			return err
		}
	}
	if err := c.Mail(env.from); err != nil {
		return err
	}
	if err := c.Rcpt(env.to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(env.raw); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// startTLS upgrades the connection when the server offers it, and fails
// when it does not and requireTLS is set.
func (s *SMTP) startTLS(c *smtp.Client, host string, requireTLS bool) error {
	if ok, _ := c.Extension("STARTTLS"); !ok {
		if requireTLS {
			return ErrNoStartTLS
		}
		return nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.TLS != nil {
		cfg = s.TLS.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = host
	}
	return c.StartTLS(cfg)
}

func (s *SMTP) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return defaultSMTPTimeout
}

// isLoopback reports whether host is "localhost" or a loopback IP.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
