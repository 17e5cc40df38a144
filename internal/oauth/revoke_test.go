package oauth

import (
	"encoding/json"
	"testing"
)

func (f *fixture) revoke(body map[string]string) response {
	f.t.Helper()
	b, _ := json.Marshal(body)
	return f.do("POST", "/oauth/revoke", "application/json", string(b), nil)
}

func TestRevoke(t *testing.T) {
	f := newFixture(t)
	rt := f.loginOffline(webID, webSecret, "openid offline_access", apiAud)
	// Another client's revocation does nothing, and says nothing.
	r := f.revoke(map[string]string{"client_id": spaID, "token": rt})
	if r.status != 200 || len(r.body) != 0 {
		t.Fatalf("other client: %d %q", r.status, r.body)
	}
	if r := f.refresh(webID, webSecret, rt); r.status != 200 {
		t.Fatalf("still usable: %d %s", r.status, r.body)
	}
	rt = f.loginOffline(webID, webSecret, "openid offline_access", apiAud)
	r = f.revoke(map[string]string{"client_id": webID, "client_secret": webSecret, "token": rt})
	if r.status != 200 || len(r.body) != 0 {
		t.Fatalf("revoke: %d %q", r.status, r.body)
	}
	checkError(t, f.refresh(webID, webSecret, rt), 403, invalidRefresh)
}

func TestRevokeFormFromPublicClient(t *testing.T) {
	f := newFixture(t)
	rt := f.loginOffline(spaID, "", "openid offline_access", "")
	v := form("client_id", spaID, "token", rt, "token_type_hint", "refresh_token")
	if r := f.do("POST", "/oauth/revoke", formType, v.Encode(), nil); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	checkError(t, f.refresh(spaID, "", rt), 403, invalidRefresh)
}

func TestRevokeErrors(t *testing.T) {
	f := newFixture(t)
	if r := f.revoke(map[string]string{"client_id": webID, "client_secret": webSecret, "token": "unknown"}); r.status != 200 {
		t.Errorf("unknown token: %d %s", r.status, r.body)
	}
	checkError(t, f.revoke(map[string]string{"client_id": webID, "client_secret": webSecret}), 400,
		`{"error":"invalid_request","error_description":"Missing required parameter: token"}`)
	checkError(t, f.revoke(map[string]string{"client_id": webID, "client_secret": "wrong", "token": "x"}), 401,
		`{"error":"invalid_client","error_description":"Client authentication failed."}`)
	checkError(t, f.revoke(map[string]string{"client_id": "nobody", "token": "x"}), 401,
		`{"error":"invalid_client","error_description":"Client authentication failed."}`)
	checkError(t, f.revoke(map[string]string{"token": "x"}), 400,
		`{"error":"invalid_request","error_description":"Missing required parameter: client_id"}`)
}
