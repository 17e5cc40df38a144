package authn

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Message is an email to one recipient, in plain text. It is an alias of
// an unnamed struct type, and internal/mail's Message an alias of the same
// one, so mail.Mailbox is a Mailer although mail imports nothing of ours.
// Keep the two field lists identical.
type Message = struct {
	To      string
	Subject string
	Text    string
}

// Mailer sends email: internal/mail's Mailbox in dev mode, SMTP later.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// MailerFunc adapts a function to Mailer.
type MailerFunc func(ctx context.Context, m Message) error

// Send calls f.
func (f MailerFunc) Send(ctx context.Context, m Message) error { return f(ctx, m) }

// Options configure a Service. Zero values are safe defaults.
type Options struct {
	Issuer   string           // https://host/, with the trailing slash; prefixes reset links
	Now      func() time.Time // default time.Now
	Log      *slog.Logger     // default: discard
	Mailer   Mailer           // nil: reset mails are logged as dropped
	ResetKey []byte           // HMAC key of reset tickets, 32 bytes or more; nil: random per process

	HashConcurrency int           // hashing slots; default GOMAXPROCS
	HashWait        time.Duration // wait for a slot before EUnavailable; default DefaultHashWait
	HashQueue       int           // callers that may wait; beyond, EUnavailable at once; default DefaultHashQueue
}

// Service authenticates, signs up and resets the passwords of database
// users. It is safe for concurrent use.
type Service struct {
	store    idp.Store
	now      func() time.Time
	log      *slog.Logger
	mailer   Mailer
	issuer   string
	resetKey []byte
	pool     *hashPool
}

// New returns a Service over store.
func New(store idp.Store, opts Options) *Service {
	s := &Service{
		store: store, now: opts.Now, log: opts.Log, mailer: opts.Mailer,
		issuer: opts.Issuer, resetKey: opts.ResetKey,
		pool: newHashPool(opts.HashConcurrency, opts.HashWait, opts.HashQueue),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if len(s.resetKey) == 0 {
		s.resetKey = make([]byte, 32)
		rand.Read(s.resetKey)
		s.log.Warn("no password-reset key configured: reset links die when the process restarts")
	}
	return s
}

// HashPassword returns a new argon2id hash of password, for callers that
// store users themselves (imports, the Management API). It is bounded like
// every hash, so it may fail with EUnavailable.
func (s *Service) HashPassword(ctx context.Context, password string) (string, error) {
	return s.pool.hash(ctx, password)
}
