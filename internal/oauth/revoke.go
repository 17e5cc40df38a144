package oauth

import (
	"net/http"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// revokeRequest is the body of POST /oauth/revoke, JSON or form (§7).
type revokeRequest struct {
	ClientID      string `json:"client_id"`
	ClientSecret  string `json:"client_secret"`
	Token         string `json:"token"`
	TokenTypeHint string `json:"token_type_hint"` // spa-js sends refresh_token; the only kind we revoke
}

// serveRevoke is POST /oauth/revoke: 200 with an empty body, also for
// tokens that are unknown, already revoked or another client's (§7).
func (h *Handler) serveRevoke(w http.ResponseWriter, r *http.Request) {
	if err := h.revoke(r); err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}

// revoke authenticates the client and revokes the token's family if the
// token is the client's.
func (h *Handler) revoke(r *http.Request) error {
	var req revokeRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	creds, err := clientCredentials(r, req.ClientID, req.ClientSecret)
	switch {
	case err != nil:
		return err
	case creds.id == "":
		return errMissing("client_id")
	case req.Token == "":
		return errMissing("token")
	}
	client, ok, err := h.authenticate(r.Context(), creds)
	if err != nil {
		return err
	}
	if !ok {
		return errInvalidClient()
	}
	return h.revokeFamily(r, client.ID, idp.TokenHash(req.Token))
}

func (h *Handler) revokeFamily(r *http.Request, clientID string, hash []byte) error {
	rt, err := h.Store.GetRefreshToken(r.Context(), hash)
	if idp.IsNotFound(err) || (err == nil && rt.ClientID != clientID) {
		return nil
	}
	if err != nil {
		return err
	}
	return h.Store.RevokeRefreshToken(r.Context(), hash)
}
