package oauth

import (
	"context"
	"crypto"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Store is the part of idp.Store the endpoints read and write.
type Store interface {
	GetClient(ctx context.Context, id string) (idp.Client, error)
	GetResourceServerByIdentifier(ctx context.Context, identifier string) (idp.ResourceServer, error)
	GetClientGrant(ctx context.Context, clientID, audience string) (idp.ClientGrant, error)
	GetUser(ctx context.Context, id string) (idp.User, error)
	UserPermissions(ctx context.Context, userID, audience string) ([]string, error)
	GetConnectionByName(ctx context.Context, name string) (idp.Connection, error)
	GetTenant(ctx context.Context) (idp.Tenant, error)
	CreateRefreshToken(ctx context.Context, t idp.RefreshToken) error
	GetRefreshToken(ctx context.Context, hash []byte) (idp.RefreshToken, error)
	RotateRefreshToken(ctx context.Context, old []byte, next idp.RefreshToken, now time.Time, leeway time.Duration) error
	RevokeRefreshToken(ctx context.Context, hash []byte) error
	RevokeRefreshFamily(ctx context.Context, familyID string) error
	browserStore
}

// browserStore is what /authorize, the code grant and logout keep: sign-ins
// in progress, authorization codes and SSO sessions (idp.TransactionStore,
// idp.AuthCodeStore and part of idp.SessionStore).
type browserStore interface {
	CreateTransaction(ctx context.Context, t idp.Transaction) error
	GetTransaction(ctx context.Context, id string, now time.Time) (idp.Transaction, error)
	DeleteTransaction(ctx context.Context, id string) error
	CreateAuthCode(ctx context.Context, c idp.AuthCode) error
	ConsumeAuthCode(ctx context.Context, hash []byte, now time.Time) (idp.AuthCode, error)
	GetSession(ctx context.Context, hash []byte, now time.Time) (idp.Session, error)
	UpdateSession(ctx context.Context, id string, fn func(*idp.Session) error) (idp.Session, error)
	DeleteSession(ctx context.Context, id string) error
}

// Keys signs tokens and publishes the keys that verify them
// (implemented by keys.Manager).
type Keys interface {
	// Sign returns payload as a compact JWS signed with the current key
	// for alg, with typ as the "typ" header.
	Sign(alg, typ string, payload []byte) (string, error)
	// JWKS returns the {"keys":[…]} document.
	JWKS() []byte
	// PublicKey returns the published key kid and its algorithm.
	PublicKey(kid string) (crypto.PublicKey, string, bool)
}

// Users checks passwords (implemented by authn.Service). Login returns
// idp errors: EUnauthorized (wrong or unknown credentials), EBlocked,
// ETooManyAttempts, EUnavailable (no hashing capacity left) and EInvalid
// (unknown connection).
type Users interface {
	Login(ctx context.Context, connection, username, password, ip string) (idp.User, error)
}

// Handler serves the endpoints listed in the package doc. Fields without
// a comment are required.
type Handler struct {
	Store   Store
	Keys    Keys
	Users   Users
	Secrets *idp.SecretHasher // keyed hashes of client secrets
	Issuer  string            // "https://{domain}/", with the trailing slash

	Now      func() time.Time           // default time.Now
	Log      *slog.Logger               // default discards
	Metrics  *Metrics                   // nil: no metrics
	ClientIP func(*http.Request) string // default: the host of RemoteAddr
	// InsecureCookies drops Secure from the session cookie logout expires,
	// for plain-HTTP development; set it exactly when the login pages' is.
	InsecureCookies bool

	discovery []byte // built by Mount
}

// Mount registers the handler's routes on mux.
func (h *Handler) Mount(mux *http.ServeMux) {
	h.discovery = discoveryDocument(h.Issuer)
	mux.HandleFunc("GET /.well-known/openid-configuration", h.serveDiscovery)
	mux.HandleFunc("GET /.well-known/jwks.json", h.serveJWKS)
	mux.HandleFunc("POST /oauth/token", h.serveToken)
	mux.HandleFunc("POST /oauth/revoke", h.serveRevoke)
	mux.HandleFunc("GET /userinfo", h.serveUserinfo)
	mux.HandleFunc("POST /userinfo", h.serveUserinfo)
	mux.HandleFunc("GET /authorize", h.serveAuthorize)
	mux.HandleFunc("POST /authorize", h.serveAuthorize)
	mux.HandleFunc("GET "+resumePath, h.serveResume)
	mux.HandleFunc("GET /v2/logout", h.serveLogout)
	mux.HandleFunc("GET /oidc/logout", h.serveOIDCLogout)
	mux.HandleFunc("POST /oidc/logout", h.serveOIDCLogout)
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

// remoteIP is the end user's address as the server sees it.
func (h *Handler) remoteIP(r *http.Request) string {
	if h.ClientIP != nil {
		return h.ClientIP(r)
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// userinfoAudience is the audience that makes an access token good at
// /userinfo (contract §3.4).
func (h *Handler) userinfoAudience() string {
	return h.Issuer + "userinfo"
}

// endpoint returns the absolute URL of path on the issuer's host.
func endpoint(issuer, path string) string {
	return strings.TrimSuffix(issuer, "/") + path
}
