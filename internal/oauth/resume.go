package oauth

import (
	"context"
	"net/http"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// resumePath is where the login pages send the browser once the user has
// signed in: GET /authorize/resume?state=<Transaction.ID>.
const resumePath = "/authorize/resume"

// errResume is the page for a sign-in that cannot be resumed: unknown,
// expired, unfinished, or resumed from a browser without its session.
func errResume() *pageError {
	return badPage("invalid_request", "This sign-in has expired or cannot be continued in this browser. Please go back to the application and sign in again.")
}

// serveResume is GET /authorize/resume: it answers the Transaction the
// login page finished. The Transaction must name the session of this
// browser's cookie, so a state copied to another browser is useless; it
// is deleted before the answer, so it answers once.
func (h *Handler) serveResume(w http.ResponseWriter, r *http.Request) {
	f, s, u, err := h.resumeFlow(r)
	if err != nil {
		h.writePage(w, r, err)
		return
	}
	if err := h.resolveFlowAPI(r.Context(), f, f.req.Audience); err != nil {
		h.deliverError(w, r, f, err)
		return
	}
	h.answerWith(w, r, f, s, u)
}

// resumeFlow loads and consumes the Transaction and rebuilds its flow.
func (h *Handler) resumeFlow(r *http.Request) (*authFlow, idp.Session, idp.User, error) {
	ctx := r.Context()
	t, err := h.finishedTransaction(ctx, r.URL.Query().Get("state"))
	if err != nil {
		return nil, idp.Session{}, idp.User{}, err
	}
	s, u, ok, err := h.sessionFor(r, t.ClientID)
	if err == nil && (!ok || s.ID != t.SessionID || s.UserID != t.UserID) {
		err = errResume()
	}
	if err == nil {
		err = h.Store.DeleteTransaction(ctx, t.ID)
	}
	if err != nil {
		return nil, s, u, notFoundAs(err, errResume())
	}
	f := &authFlow{req: requestOf(t), mode: t.ResponseMode, now: h.now(), maxAge: t.MaxAge}
	if err := h.loadFlowClient(ctx, f); err != nil {
		return nil, s, u, err
	}
	// The client's settings may have changed while the user signed in.
	if err := f.checkRedirectURI(); err != nil {
		return nil, s, u, err
	}
	if perr := f.settleMode(); perr != nil {
		return nil, s, u, perr
	}
	return f, s, u, nil
}

// finishedTransaction returns the live Transaction state names, once the
// login page has recorded the user on it.
func (h *Handler) finishedTransaction(ctx context.Context, state string) (idp.Transaction, error) {
	if state == "" || len(state) > maxParam {
		return idp.Transaction{}, errResume()
	}
	t, err := h.Store.GetTransaction(ctx, state, h.now())
	if err != nil {
		return t, notFoundAs(err, errResume())
	}
	if t.UserID == "" || t.SessionID == "" {
		return t, errResume()
	}
	return t, nil
}

// notFoundAs returns page for an ENotFound error and err otherwise.
func notFoundAs(err error, page *pageError) error {
	if idp.IsNotFound(err) {
		return page
	}
	return err
}
