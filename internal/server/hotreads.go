package server

import (
	"context"
	"sync"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
	"github.com/gatehouse/gatehouse/internal/oauth"
)

// hotReadsTTL bounds how stale the token endpoint's view of a client, API
// or client grant may be: a changed secret or a deleted grant takes effect
// within it, on every replica.
const hotReadsTTL = time.Second

// hotReads keeps the token endpoint's three per-request lookups in memory
// for hotReadsTTL. They were 5% of the CPU of a client_credentials token,
// the largest cost after the signature. Misses and errors are not cached,
// so a new client works at once. Cached values are shared: the token
// endpoint only reads them.
type hotReads struct {
	oauth.Store
	clients cache[string, idp.Client]
	apis    cache[string, idp.ResourceServer]
	grants  cache[[2]string, idp.ClientGrant]
}

func newHotReads(st oauth.Store, now func() time.Time) *hotReads {
	return &hotReads{Store: st,
		clients: cache[string, idp.Client]{now: now},
		apis:    cache[string, idp.ResourceServer]{now: now},
		grants:  cache[[2]string, idp.ClientGrant]{now: now}}
}

func (h *hotReads) GetClient(ctx context.Context, id string) (idp.Client, error) {
	return h.clients.get(id, func() (idp.Client, error) { return h.Store.GetClient(ctx, id) })
}

func (h *hotReads) GetResourceServerByIdentifier(ctx context.Context, aud string) (idp.ResourceServer, error) {
	return h.apis.get(aud, func() (idp.ResourceServer, error) {
		return h.Store.GetResourceServerByIdentifier(ctx, aud)
	})
}

func (h *hotReads) GetClientGrant(ctx context.Context, clientID, aud string) (idp.ClientGrant, error) {
	return h.grants.get([2]string{clientID, aud}, func() (idp.ClientGrant, error) {
		return h.Store.GetClientGrant(ctx, clientID, aud)
	})
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
