package login

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/mail"
)

// Store is the part of idp.Store the pages read and write.
type Store interface {
	GetTenant(ctx context.Context) (idp.Tenant, error)
	GetClient(ctx context.Context, id string) (idp.Client, error)
	GetConnectionByName(ctx context.Context, name string) (idp.Connection, error)
	GetTransaction(ctx context.Context, id string, now time.Time) (idp.Transaction, error)
	UpdateTransaction(ctx context.Context, id string, fn func(*idp.Transaction) error) (idp.Transaction, error)
	CreateSession(ctx context.Context, s idp.Session) error
	GetSession(ctx context.Context, hash []byte, now time.Time) (idp.Session, error)
	DeleteSession(ctx context.Context, id string) error
	DeleteUserSessions(ctx context.Context, userID string) error
}

// The stores satisfy Store as they are.
var _ Store = idp.Store(nil)

// Handler serves the hosted pages listed in the package doc. Store and
// Users are required.
type Handler struct {
	Store Store
	Users *authn.Service

	Now      func() time.Time           // default time.Now
	Log      *slog.Logger               // default discards
	ClientIP func(*http.Request) string // default: the host of RemoteAddr

	// InsecureCookies drops the Secure attribute (and the __Host- prefix)
	// and makes the session cookie SameSite=Lax, for plain-HTTP
	// development only: silent authentication in an iframe then fails.
	InsecureCookies bool
	// Mailbox, when set, mounts GET /dev/mailbox (gatehouse dev only).
	Mailbox *mail.Mailbox
}

// Mount registers the handler's routes on mux.
func (h *Handler) Mount(mux *http.ServeMux) {
	mux.Handle("GET /u/login", h.page(h.showLogin))
	mux.Handle("POST /u/login", h.form(h.submitLogin))
	mux.Handle("GET /u/signup", h.page(h.showSignup))
	mux.Handle("POST /u/signup", h.form(h.submitSignup))
	mux.Handle("GET /u/reset-password", h.page(h.showResetRequest))
	mux.Handle("POST /u/reset-password", h.form(h.submitResetRequest))
	mux.Handle("GET /lo/reset", h.page(h.showReset))
	mux.Handle("POST /lo/reset", h.form(h.submitReset))
	mux.Handle("GET /lo/verify_email", h.page(h.verifyEmail))
	mux.Handle("GET /u/assets/{name}", h.page(serveAsset))
	if h.Mailbox != nil {
		mux.Handle("GET /dev/mailbox", h.page(h.showMailbox))
	}
}

func (h *Handler) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

func (h *Handler) log() *slog.Logger {
	if h.Log != nil {
		return h.Log
	}
	return discard
}

// clientIP is the end user's address, for brute-force protection.
func (h *Handler) clientIP(r *http.Request) string {
	if h.ClientIP != nil {
		return h.ClientIP(r)
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
