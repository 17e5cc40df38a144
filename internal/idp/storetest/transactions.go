package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func transactionTests() []test {
	c := crud[idp.Transaction]{
		kind: "Transaction", make: newTransaction, change: changeTransaction,
		id:     func(t idp.Transaction) string { return t.ID },
		create: idp.Store.CreateTransaction, get: getLiveTransaction,
		update: idp.Store.UpdateTransaction, delete: idp.Store.DeleteTransaction,
		keys: []uniqueKey[idp.Transaction]{
			{name: "id", copy: func(d *idp.Transaction, s idp.Transaction) { d.ID = s.ID }, createOnly: true},
		},
	}
	// There is no list of transactions: every shared check but List.
	return []test{
		{"Transaction/RoundTrip", c.testRoundTrip},
		{"Transaction/Update", c.testUpdate},
		{"Transaction/UpdateAborts", c.testUpdateAborts},
		{"Transaction/NotFound", c.testNotFound},
		{"Transaction/Delete", c.testDelete},
		{"Transaction/Unique", c.testUnique},
		{"Transaction/Expiry", testTransactionExpiry},
		{"Transaction/KeepsID", testTransactionKeepsID},
	}
}

// newTransaction returns sign-in n as /authorize stores it: the user has
// not signed in yet. It expires ten minutes after at(n).
func newTransaction(n int) idp.Transaction {
	return idp.Transaction{
		ID:       fmt.Sprintf("txn_%028d", n),
		ClientID: newClient(1).ID, RedirectURI: "https://app.example.com/callback",
		ResponseType: "code", ResponseMode: "form_post",
		Scope: "openid profile email offline_access", Audience: apiIdentifier(1),
		State: fmt.Sprintf("app-state-%d", n), Nonce: "n-0S6_WzA2Mj",
		CodeChallenge:       "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
		CodeChallengeMethod: "S256", Prompt: "login", MaxAge: -1,
		Connection: idp.DefaultConnection, LoginHint: "ada@example.com", ScreenHint: "signup",
		CreatedAt: at(n), ExpiresAt: at(n + 600),
		// UserID, SessionID and AuthTime stay empty until the user signs in.
	}
}

// changeTransaction changes every field but the id, as a sign-in would
// and more, so that every column is written back.
func changeTransaction(t *idp.Transaction) {
	t.ClientID, t.RedirectURI = newClient(2).ID, "http://localhost:3000/cb"
	t.ResponseType, t.ResponseMode = "token id_token", "fragment"
	t.Scope, t.Audience, t.State, t.Nonce = "openid", apiIdentifier(2), "other", "n-2"
	t.CodeChallenge, t.CodeChallengeMethod, t.Prompt = "plain-challenge", "plain", "none"
	t.MaxAge, t.Connection, t.LoginHint, t.ScreenHint = 300, "other-db", "", ""
	t.UserID, t.SessionID = newUser(1).ID, "sess_signed_in"
	t.AuthTime, t.CreatedAt, t.ExpiresAt = at(60), at(1), at(900)
}

// getLiveTransaction reads a transaction at t0, before any expires.
func getLiveTransaction(s idp.Store, ctx context.Context, id string) (idp.Transaction, error) {
	return s.GetTransaction(ctx, id, t0)
}

// testTransactionExpiry: GetTransaction hides a transaction from its
// ExpiresAt on, and one with a zero ExpiresAt at any time. Update takes no
// clock, so it still reaches an expired transaction.
func testTransactionExpiry(t *testing.T, s idp.Store) {
	txn, noExpiry := newTransaction(1), newTransaction(2)
	noExpiry.ExpiresAt = time.Time{}
	must(t, s.CreateTransaction(t.Context(), txn))
	must(t, s.CreateTransaction(t.Context(), noExpiry))
	got, err := s.GetTransaction(t.Context(), txn.ID, txn.ExpiresAt.Add(-time.Millisecond))
	must(t, err)
	same(t, "transaction just before expiry", got, txn)
	for _, now := range []time.Time{txn.ExpiresAt, txn.ExpiresAt.Add(time.Hour)} {
		_, err = s.GetTransaction(t.Context(), txn.ID, now)
		wantCode(t, err, idp.ENotFound)
	}
	_, err = s.GetTransaction(t.Context(), noExpiry.ID, t0)
	wantCode(t, err, idp.ENotFound)
	_, err = s.UpdateTransaction(t.Context(), noExpiry.ID, func(v *idp.Transaction) error {
		v.UserID = newUser(1).ID
		return nil
	})
	must(t, err)
}

// testTransactionKeepsID: an updater's change to the id is ignored.
func testTransactionKeepsID(t *testing.T, s idp.Store) {
	txn := newTransaction(1)
	must(t, s.CreateTransaction(t.Context(), txn))
	got, err := s.UpdateTransaction(t.Context(), txn.ID, func(v *idp.Transaction) error {
		v.ID, v.UserID = newTransaction(2).ID, newUser(1).ID
		return nil
	})
	must(t, err)
	want := txn
	want.UserID = newUser(1).ID
	same(t, "update result", got, want)
	got, err = s.GetTransaction(t.Context(), txn.ID, t0)
	must(t, err)
	same(t, "get after update", got, want)
	_, err = s.GetTransaction(t.Context(), newTransaction(2).ID, t0)
	wantCode(t, err, idp.ENotFound)
}
