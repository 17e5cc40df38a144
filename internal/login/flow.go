package login

import (
	"context"
	"net/http"
	"net/url"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// maxState bounds a state or ticket before any lookup.
const maxState = 512

// flow is a sign-in in progress: the stored Transaction and what the
// pages need with it.
type flow struct {
	tx     idp.Transaction
	client idp.Client
	conn   idp.Connection // the database connection users sign in to
	tenant idp.Tenant
}

// loadFlow finds the Transaction state names. An unknown or expired one,
// or one whose application is gone, is errExpired.
func (h *Handler) loadFlow(ctx context.Context, state string) (flow, error) {
	if state == "" || len(state) > maxState {
		return flow{}, errExpired()
	}
	tx, err := h.Store.GetTransaction(ctx, state, h.now())
	if err != nil {
		return flow{}, notFoundAs(err, errExpired())
	}
	client, err := h.Store.GetClient(ctx, tx.ClientID)
	if err != nil {
		return flow{}, notFoundAs(err, errExpired())
	}
	tenant, err := h.Store.GetTenant(ctx)
	if err != nil {
		return flow{}, err
	}
	conn, err := h.flowConnection(ctx, tx, tenant)
	if err != nil {
		return flow{}, err
	}
	return flow{tx: tx, client: client, conn: conn, tenant: tenant}, nil
}

// flowConnection is the Transaction's connection, or the tenant's default
// directory; it must be a database connection enabled for the client.
func (h *Handler) flowConnection(ctx context.Context, tx idp.Transaction, t idp.Tenant) (idp.Connection, error) {
	name := tx.Connection
	if name == "" {
		name = t.DefaultDirectory
	}
	if name == "" {
		name = idp.DefaultConnection
	}
	c, err := h.Store.GetConnectionByName(ctx, name)
	if err != nil {
		return c, notFoundAs(err, errNoConnection())
	}
	if c.Strategy != "" && c.Strategy != "auth0" || !c.EnabledFor(tx.ClientID) {
		return c, errNoConnection()
	}
	return c, nil
}

// errNoConnection is an application with no database connection to sign
// in to: a configuration problem, which the user can only report.
func errNoConnection() error {
	return &pageError{status: http.StatusBadRequest, title: "Sign-in unavailable",
		text: "This application has no way to sign in with a password. Please contact its administrator."}
}

// notFoundAs returns page for ENotFound and err itself otherwise.
func notFoundAs(err, page error) error {
	if idp.IsNotFound(err) {
		return page
	}
	return err
}

// page returns the common part of the flow's pages.
func (f flow) page(title string) page {
	return page{Title: title, Lead: "to continue to " + f.client.Name, Brand: brandOf(f.tenant)}
}

// href is path with the flow's state in the query.
func (f flow) href(path string) string {
	return path + "?state=" + url.QueryEscape(f.tx.ID)
}

// signupAllowed reports whether the signup page is offered.
func (f flow) signupAllowed() bool { return !f.conn.Options.DisableSignup }
