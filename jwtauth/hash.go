package jwtauth

import (
	"crypto/sha256"
	"hash"
	"sync"
)

// hasher is reused so that hashing a token for the cache allocates
// nothing: sha256.Sum256([]byte(token)) would copy the token to the heap.
type hasher struct {
	h   hash.Hash
	buf []byte
	sum []byte
}

var hashers = sync.Pool{New: func() any {
	return &hasher{h: sha256.New(), sum: make([]byte, 0, sha256.Size)}
}}

// tokenKey returns SHA-256(token), the token cache's key.
func tokenKey(token string) [sha256.Size]byte {
	x := hashers.Get().(*hasher)
	x.buf = append(x.buf[:0], token...)
	x.h.Reset()
	x.h.Write(x.buf)
	var key [sha256.Size]byte
	copy(key[:], x.h.Sum(x.sum[:0]))
	hashers.Put(x)
	return key
}
