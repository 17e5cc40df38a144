package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

func grantTests() []test {
	c := crud[idp.ClientGrant]{
		kind: "ClientGrant", make: newGrant, change: changeGrant,
		id:     func(g idp.ClientGrant) string { return g.ID },
		create: idp.Store.CreateClientGrant, get: getGrantByID,
		update: idp.Store.UpdateClientGrant, delete: idp.Store.DeleteClientGrant,
		list: idp.Store.ListClientGrants,
		keys: []uniqueKey[idp.ClientGrant]{
			{name: "id", copy: func(d *idp.ClientGrant, s idp.ClientGrant) { d.ID = s.ID }, createOnly: true},
			{name: "client and audience", copy: func(d *idp.ClientGrant, s idp.ClientGrant) {
				d.ClientID, d.Audience = s.ClientID, s.Audience
			}},
		},
	}
	return append(c.tests(), test{"ClientGrant/Get", testGrantGet})
}

func newGrant(n int) idp.ClientGrant {
	return idp.ClientGrant{
		ID:       fmt.Sprintf("cgr_%016d", n),
		ClientID: newClient(n).ID,
		Audience: apiIdentifier(n),
		Scope:    []string{"read:things", "write:things"},
	}
}

// changeGrant changes the scope only: a grant's pair is its key.
func changeGrant(g *idp.ClientGrant) { g.Scope = []string{"admin"} }

// getGrantByID finds a grant's pair by listing, then reads it by the pair:
// the contract has no get by id.
func getGrantByID(s idp.Store, ctx context.Context, id string) (idp.ClientGrant, error) {
	all, err := s.ListClientGrants(ctx)
	if err != nil {
		return idp.ClientGrant{}, err
	}
	for _, g := range all {
		if g.ID == id {
			return s.GetClientGrant(ctx, g.ClientID, g.Audience)
		}
	}
	return idp.ClientGrant{}, idp.Errorf(idp.ENotFound, "no grant %s", id)
}

func testGrantGet(t *testing.T, s idp.Store) {
	g := newGrant(1)
	must(t, s.CreateClientGrant(t.Context(), g))
	got, err := s.GetClientGrant(t.Context(), g.ClientID, g.Audience)
	must(t, err)
	same(t, "by client and audience", got, g)
	for _, tc := range []struct{ client, audience string }{
		{g.ClientID, apiIdentifier(2)},
		{newClient(2).ID, g.Audience},
	} {
		_, err := s.GetClientGrant(t.Context(), tc.client, tc.audience)
		wantCode(t, err, idp.ENotFound)
	}
	// Same audience, other client: a different key.
	other := newGrant(2)
	other.Audience = g.Audience
	must(t, s.CreateClientGrant(t.Context(), other))
}
