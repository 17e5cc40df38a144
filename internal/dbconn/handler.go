package dbconn

import (
	"io"
	"log/slog"
	"net"
	"net/http"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/reqbody"
)

// Handler serves /dbconnections/*.
type Handler struct {
	Store    idp.TenantStore // tenant flags
	Users    *authn.Service
	Log      *slog.Logger               // nil: discard
	ClientIP func(*http.Request) string // default: the host of RemoteAddr
}

// Mount registers the handler's routes on mux.
func (h *Handler) Mount(mux *http.ServeMux) {
	mux.HandleFunc("POST /dbconnections/signup", h.signup)
	mux.HandleFunc("POST /dbconnections/change_password", h.changePassword)
}

// signupRequest is the body of POST /dbconnections/signup (contract §5.1).
type signupRequest struct {
	ClientID     string         `json:"client_id"`
	Connection   string         `json:"connection"`
	Email        string         `json:"email"`
	Password     string         `json:"password"`
	Username     string         `json:"username"`
	GivenName    string         `json:"given_name"`
	FamilyName   string         `json:"family_name"`
	Name         string         `json:"name"`
	Nickname     string         `json:"nickname"`
	Picture      string         `json:"picture"`
	UserMetadata map[string]any `json:"user_metadata"`
}

// signupResponse is the created user: _id and email always, the profile
// fields only as sent (contract §5.1).
type signupResponse struct {
	ID            string         `json:"_id"`
	Email         string         `json:"email"`
	Username      string         `json:"username,omitempty"`
	EmailVerified bool           `json:"email_verified"`
	GivenName     string         `json:"given_name,omitempty"`
	FamilyName    string         `json:"family_name,omitempty"`
	Name          string         `json:"name,omitempty"`
	Nickname      string         `json:"nickname,omitempty"`
	Picture       string         `json:"picture,omitempty"`
	UserMetadata  map[string]any `json:"user_metadata,omitempty"`
}

func (h *Handler) signup(w http.ResponseWriter, r *http.Request) {
	var req signupRequest
	if err := reqbody.Decode(r, &req); err != nil {
		h.writeBodyError(w, err)
		return
	}
	u, err := h.Users.Signup(r.Context(), authn.SignupInput{
		ClientID: req.ClientID, Connection: req.Connection, Email: req.Email,
		Password: req.Password, Username: req.Username, GivenName: req.GivenName,
		FamilyName: req.FamilyName, Name: req.Name, Nickname: req.Nickname,
		Picture: req.Picture, UserMetadata: req.UserMetadata, IP: h.clientIP(r),
	})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, signupResponse{
		ID: u.LocalID(), Email: u.Email, Username: u.Username, EmailVerified: u.EmailVerified,
		GivenName: req.GivenName, FamilyName: req.FamilyName, Name: req.Name,
		Nickname: req.Nickname, Picture: req.Picture, UserMetadata: req.UserMetadata,
	})
}

// changePasswordRequest is the body of POST /dbconnections/change_password.
type changePasswordRequest struct {
	ClientID     string `json:"client_id"`
	Email        string `json:"email"`
	Connection   string `json:"connection"`
	Organization string `json:"organization"` // accepted, unused
}

// resetSent is Auth0's answer, known user or not (contract §5.2).
const resetSent = "We've just sent you an email to reset your password."

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) {
	var req changePasswordRequest
	if err := reqbody.Decode(r, &req); err != nil {
		h.writeBodyError(w, err)
		return
	}
	err := h.Users.RequestPasswordReset(r.Context(), req.ClientID, req.Connection, req.Email)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, resetSent)
}

func (h *Handler) log() *slog.Logger {
	if h.Log == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return h.Log
}

// clientIP is the end user's address, for suspicious-IP throttling.
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
