package jwtauth

import (
	"sync"
	"time"
)

// maxShards spreads lock contention; each shard has its own size bound.
const maxShards = 16

// tokenCache maps SHA-256(token) to verified claims. It is a sharded map
// with a hard size bound: a full shard drops expired entries it meets,
// else one entry at random (Go map order). No goroutine is involved.
type tokenCache struct {
	shards   []cacheShard
	perShard int
}

type cacheShard struct {
	mu sync.RWMutex
	m  map[[32]byte]cacheEntry
}

type cacheEntry struct {
	claims *Claims
	until  time.Time
}

func newTokenCache(size int) *tokenCache {
	n := min(size, maxShards)
	c := &tokenCache{shards: make([]cacheShard, n), perShard: size / n}
	for i := range c.shards {
		c.shards[i].m = make(map[[32]byte]cacheEntry)
	}
	return c
}

func (c *tokenCache) shard(k [32]byte) *cacheShard {
	return &c.shards[int(k[0])%len(c.shards)]
}

// get returns the claims only while now is before the entry's deadline.
func (c *tokenCache) get(k [32]byte, now time.Time) (*Claims, bool) {
	s := c.shard(k)
	s.mu.RLock()
	e, ok := s.m[k]
	s.mu.RUnlock()
	if !ok || !now.Before(e.until) {
		return nil, false
	}
	return e.claims, true
}

func (c *tokenCache) put(k [32]byte, claims *Claims, until, now time.Time) {
	s := c.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[k]; !ok && len(s.m) >= c.perShard {
		s.evict(now)
	}
	s.m[k] = cacheEntry{claims: claims, until: until}
}

// evict looks at a few entries, drops those already past their deadline,
// and if none was, the first one seen.
func (s *cacheShard) evict(now time.Time) {
	seen, dropped := 0, false
	var first [32]byte
	for k, e := range s.m {
		if seen == 0 {
			first = k
		}
		if !now.Before(e.until) {
			delete(s.m, k)
			dropped = true
		}
		if seen++; seen == 8 {
			break
		}
	}
	if !dropped {
		delete(s.m, first)
	}
}

func (c *tokenCache) len() int {
	n := 0
	for i := range c.shards {
		c.shards[i].mu.RLock()
		n += len(c.shards[i].m)
		c.shards[i].mu.RUnlock()
	}
	return n
}
