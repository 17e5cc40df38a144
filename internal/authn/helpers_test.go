package authn

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/sqlite"
)

const (
	testClient   = "client-enabled"
	testPassword = "Correct-Horse-1"
	testIssuer   = "https://gatehouse.test/"
)

// env is a Service over a real in-memory SQLite store, with a settable
// clock and a mailer that keeps what it is sent.
type env struct {
	t     *testing.T
	ctx   context.Context
	store idp.Store
	svc   *Service
	conn  idp.Connection

	mu    sync.Mutex
	now   time.Time
	mails []Message
}

func newEnv(t *testing.T, opts ...func(*Options)) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, ctx: ctx, store: st, now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	o := Options{Issuer: testIssuer, Now: e.clock, ResetKey: []byte("0123456789abcdef0123456789abcdef"),
		Mailer: MailerFunc(e.send)}
	for _, f := range opts {
		f(&o)
	}
	e.svc = New(st, o)
	e.conn = e.addConnection(idp.DefaultConnection, idp.ConnectionOptions{
		PasswordPolicy: "good", BruteForceProtection: true})
	return e
}

func (e *env) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

func (e *env) send(_ context.Context, m Message) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.mails = append(e.mails, m)
	return nil
}

func (e *env) sent() []Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]Message(nil), e.mails...)
}

func (e *env) addConnection(name string, o idp.ConnectionOptions) idp.Connection {
	e.t.Helper()
	c := idp.Connection{ID: idp.NewConnectionID(), Name: name, Strategy: "auth0",
		EnabledClients: []string{testClient}, Options: o}
	if err := e.store.CreateConnection(e.ctx, c); err != nil {
		e.t.Fatal(err)
	}
	return c
}

// addUser creates a user with testPassword through CreateUser.
func (e *env) addUser(email string) idp.User {
	e.t.Helper()
	u, err := e.svc.CreateUser(e.ctx, SignupInput{Connection: e.conn.Name, Email: email, Password: testPassword})
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

func (e *env) tenant(fn func(*idp.Tenant)) {
	e.t.Helper()
	_, err := e.store.UpdateTenant(e.ctx, func(t *idp.Tenant) error { fn(t); return nil })
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) login(username, password, ip string) (idp.User, error) {
	return e.svc.Login(e.ctx, e.conn.Name, username, password, ip)
}

// wantCode fails unless err carries code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := idp.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

// wantReason fails unless err is a *Refusal with reason.
func wantReason(t *testing.T, err error, reason string) {
	t.Helper()
	var r *Refusal
	if !errors.As(err, &r) || r.Reason != reason {
		t.Fatalf("error %v, want a refusal for %q", err, reason)
	}
	wantCode(t, err, idp.EInvalid)
}
