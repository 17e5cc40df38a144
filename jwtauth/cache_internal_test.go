package jwtauth

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"time"
)

func TestTokenCacheBounded(t *testing.T) {
	now := time.Now()
	for _, size := range []int{1, 5, 16, 32, 1000} {
		c := newTokenCache(size)
		for i := range 5000 {
			k := sha256.Sum256(fmt.Appendf(nil, "token-%d", i))
			c.put(k, &Claims{}, now.Add(time.Hour), now)
		}
		if n := c.len(); n > size || n < size/2 {
			t.Errorf("size %d: cache holds %d entries", size, n)
		}
	}
}

func TestTokenCacheEvictsExpiredFirst(t *testing.T) {
	now := time.Now()
	c := newTokenCache(1)
	old := sha256.Sum256([]byte("old"))
	c.put(old, &Claims{}, now.Add(time.Second), now)
	later := now.Add(time.Minute)
	if _, ok := c.get(old, later); ok {
		t.Fatal("an expired entry was returned")
	}
	fresh := sha256.Sum256([]byte("fresh"))
	c.put(fresh, &Claims{}, later.Add(time.Hour), later)
	if _, ok := c.get(fresh, later); !ok || c.len() != 1 {
		t.Fatalf("fresh entry missing or cache holds %d", c.len())
	}
}
