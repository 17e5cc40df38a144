package oauth

import (
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

const invalidRefresh = `{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}`

func (f *fixture) loginOffline(clientID, secret, scope, aud string) string {
	f.t.Helper()
	body := f.okToken(passwordForm(clientID, secret, scope, aud))
	rt, _ := body["refresh_token"].(string)
	if rt == "" {
		f.t.Fatalf("no refresh token: %v", body)
	}
	return rt
}

func (f *fixture) refresh(clientID, secret, rt string, kv ...string) response {
	f.t.Helper()
	v := form(append([]string{"grant_type", "refresh_token", "client_id", clientID, "refresh_token", rt}, kv...)...)
	if secret != "" {
		v.Set("client_secret", secret)
	}
	return f.token(v)
}

func TestRefreshRotationAndReuse(t *testing.T) {
	f := newFixture(t)
	rt1 := f.loginOffline(webID, webSecret, "openid profile offline_access read:a", apiAud)
	stored, err := f.store.GetRefreshToken(f.ctx, idp.TokenHash(rt1))
	must(t, err)
	if stored.Scope != "openid profile offline_access read:a" || stored.Audience != apiAud {
		t.Errorf("stored %+v", stored)
	}
	r := f.refresh(webID, webSecret, rt1)
	body := r.json(t)
	rt2, _ := body["refresh_token"].(string)
	if r.status != 200 || rt2 == "" || rt2 == rt1 || body["id_token"] == nil {
		t.Fatalf("rotation: %d %s", r.status, r.body)
	}
	if _, c := f.verify(body["access_token"].(string)); c["gty"] != "password" || c["sub"] != aliceID {
		t.Errorf("refreshed claims %v", c)
	}
	f.clock.Add(time.Second)
	// rt1 was used: presenting it again is a reuse that revokes the family.
	checkError(t, f.refresh(webID, webSecret, rt1), 403, invalidRefresh)
	checkError(t, f.refresh(webID, webSecret, rt2), 403, invalidRefresh)
}

// TestRefreshAuthTime: ID tokens from the refresh grant carry the
// password login's time as auth_time, unchanged across rotations (spa-js
// requires it when max_age was set, §10.4).
func TestRefreshAuthTime(t *testing.T) {
	f := newFixture(t)
	login := f.clock.Now().Unix()
	rt := f.loginOffline(webID, webSecret, "openid offline_access", apiAud)
	for i := range 2 {
		f.clock.Add(time.Minute)
		body := f.okToken(form("grant_type", "refresh_token", "client_id", webID,
			"client_secret", webSecret, "refresh_token", rt))
		_, c := f.verify(body["id_token"].(string))
		if c["auth_time"] != float64(login) {
			t.Fatalf("rotation %d: auth_time %v, want %d (login)", i+1, c["auth_time"], login)
		}
		rt = body["refresh_token"].(string)
	}
}

func TestRefreshLeeway(t *testing.T) {
	f := newFixture(t)
	_, err := f.store.UpdateClient(f.ctx, webID, func(c *idp.Client) error { c.RefreshToken.Leeway = 30; return nil })
	must(t, err)
	rt1 := f.loginOffline(webID, webSecret, "openid offline_access", apiAud)
	if r := f.refresh(webID, webSecret, rt1); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	f.clock.Add(10 * time.Second)
	r := f.refresh(webID, webSecret, rt1)
	if r.status != 200 {
		t.Fatalf("within leeway: %d %s", r.status, r.body)
	}
	rt3 := r.str(t, "refresh_token")
	f.clock.Add(31 * time.Second)
	checkError(t, f.refresh(webID, webSecret, rt1), 403, invalidRefresh)
	checkError(t, f.refresh(webID, webSecret, rt3), 403, invalidRefresh) // family revoked
}

func TestRefreshNonRotating(t *testing.T) {
	f := newFixture(t)
	rt := f.loginOffline(nrID, webSecret, "openid offline_access read:a", apiAud)
	for range 2 {
		r := f.refresh(nrID, webSecret, rt)
		if r.status != 200 || r.json(t)["refresh_token"] != nil {
			t.Fatalf("%d %s", r.status, r.body)
		}
	}
}

func TestRefreshScopeNarrows(t *testing.T) {
	f := newFixture(t)
	rt := f.loginOffline(webID, webSecret, "openid offline_access read:a", apiAud)
	r := f.refresh(webID, webSecret, rt, "scope", "read:a write:a")
	body := r.json(t)
	if r.status != 200 || body["scope"] != "read:a" || body["id_token"] != nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	// The next token keeps the family's original scopes.
	r = f.refresh(webID, webSecret, body["refresh_token"].(string))
	if r.json(t)["scope"] != "openid offline_access read:a" {
		t.Errorf("%s", r.body)
	}
}

func TestRefreshRejections(t *testing.T) {
	f := newFixture(t)
	rt := f.loginOffline(webID, webSecret, "openid offline_access", apiAud)
	// Another client's token is unknown to this one.
	checkError(t, f.refresh(spaID, "", rt), 403, invalidRefresh)
	// Idle lifetime (600 s) passes.
	f.clock.Add(601 * time.Second)
	checkError(t, f.refresh(webID, webSecret, rt), 403, invalidRefresh)

	// Deleting a user deletes its tokens with the SQLite store; a token
	// that outlives its user (another store, a race) gets Auth0's message.
	rt = f.loginOffline(webID, webSecret, "openid offline_access", apiAud)
	must(t, f.store.DeleteUser(f.ctx, aliceID))
	checkError(t, f.refresh(webID, webSecret, rt), 403, invalidRefresh)
	must(t, f.store.CreateRefreshToken(f.ctx, idp.RefreshToken{ID: "orphan", Hash: idp.TokenHash("orphan"),
		FamilyID: "orphan", ClientID: webID, UserID: "auth0|gone", Scope: "openid", CreatedAt: f.clock.Now()}))
	checkError(t, f.refresh(webID, webSecret, "orphan"), 403,
		`{"error":"invalid_grant","error_description":"The refresh_token was generated for a user who doesn't exist anymore."}`)
}

func TestRefreshBlockedUser(t *testing.T) {
	f := newFixture(t)
	rt := f.loginOffline(spaID, "", "openid offline_access", "")
	_, err := f.store.UpdateUser(f.ctx, aliceID, func(u *idp.User) error { u.Blocked = true; return nil })
	must(t, err)
	checkError(t, f.refresh(spaID, "", rt), 403, `{"error":"invalid_grant","error_description":"user is blocked"}`)
}

// TestNoRefreshWithoutGrant: a client without the refresh_token grant
// gets no refresh token even with offline_access.
func TestNoRefreshWithoutGrant(t *testing.T) {
	f := newFixture(t)
	_, err := f.store.UpdateClient(f.ctx, webID, func(c *idp.Client) error {
		c.GrantTypes = []string{idp.GrantPassword}
		return nil
	})
	must(t, err)
	if body := f.okToken(passwordForm(webID, webSecret, "openid offline_access", apiAud)); body["refresh_token"] != nil {
		t.Errorf("refresh token issued: %v", body)
	}
}
