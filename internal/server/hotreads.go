package server

import (
	"context"
	"sync"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// hotReadsTTL bounds how stale a hot read may be: a changed secret, a
// deleted grant, a disabled connection or new brute-force settings take
// effect within it, on every replica, with no invalidation to broadcast.
const hotReadsTTL = time.Second

// HotReads is a view of a store that keeps, for hotReadsTTL, the lookups
// every token request repeats: clients, APIs and client grants (5% of the
// CPU of a client_credentials token, the largest cost after the
// signature), and the tenant settings and connections a login reads
// (twice each per password grant: once in the token endpoint, once in
// authn). The composition root builds one and hands it to both the token
// endpoint and the authn.Service, so they share one cache; the other
// handlers' own reads go to the store itself.
//
// Misses and errors are not cached, so a new client or connection works
// at once. Users and login-failure counters are never cached: a password
// change, a block or a brute-force count must act on the next request.
// Cached values are shared: their readers must not modify them.
type HotReads struct {
	idp.Store
	clients cache[string, idp.Client]
	apis    cache[string, idp.ResourceServer]
	grants  cache[[2]string, idp.ClientGrant]
	conns   cache[string, idp.Connection]
	tenant  cache[struct{}, idp.Tenant]
}

// NewHotReads returns a HotReads of st on the clock now.
func NewHotReads(st idp.Store, now func() time.Time) *HotReads {
	return &HotReads{Store: st,
		clients: cache[string, idp.Client]{now: now},
		apis:    cache[string, idp.ResourceServer]{now: now},
		grants:  cache[[2]string, idp.ClientGrant]{now: now},
		conns:   cache[string, idp.Connection]{now: now},
		tenant:  cache[struct{}, idp.Tenant]{now: now}}
}

// GetClient returns the client with id, cached.
func (h *HotReads) GetClient(ctx context.Context, id string) (idp.Client, error) {
	return h.clients.get(id, func() (idp.Client, error) { return h.Store.GetClient(ctx, id) })
}

// GetResourceServerByIdentifier returns the API with identifier aud, cached.
func (h *HotReads) GetResourceServerByIdentifier(ctx context.Context, aud string) (idp.ResourceServer, error) {
	return h.apis.get(aud, func() (idp.ResourceServer, error) {
		return h.Store.GetResourceServerByIdentifier(ctx, aud)
	})
}

// GetClientGrant returns the grant of clientID for aud, cached.
func (h *HotReads) GetClientGrant(ctx context.Context, clientID, aud string) (idp.ClientGrant, error) {
	return h.grants.get([2]string{clientID, aud}, func() (idp.ClientGrant, error) {
		return h.Store.GetClientGrant(ctx, clientID, aud)
	})
}

// GetConnectionByName returns the connection named name, cached.
func (h *HotReads) GetConnectionByName(ctx context.Context, name string) (idp.Connection, error) {
	return h.conns.get(name, func() (idp.Connection, error) { return h.Store.GetConnectionByName(ctx, name) })
}

// GetTenant returns the tenant settings, cached.
func (h *HotReads) GetTenant(ctx context.Context) (idp.Tenant, error) {
	return h.tenant.get(struct{}{}, func() (idp.Tenant, error) { return h.Store.GetTenant(ctx) })
}

// cacheLimit bounds a cache; past it the cache starts over rather than
// growing with, say, a flood of distinct client ids that exist.
const cacheLimit = 10000

// cache is a small TTL map.
type cache[K comparable, V any] struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[K]cached[V]
}

type cached[V any] struct {
	v       V
	expires time.Time
}

func (c *cache[K, V]) get(k K, load func() (V, error)) (V, error) {
	now := c.now()
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.v, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= cacheLimit {
		c.m = make(map[K]cached[V])
	}
	c.m[k] = cached[V]{v: v, expires: now.Add(hotReadsTTL)}
	c.mu.Unlock()
	return v, nil
}
