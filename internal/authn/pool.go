package authn

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Defaults of the hashing pool: how long a caller may wait for a slot, and
// how many may wait at once. 32 waiters drain in about 16 hash times on two
// cores (~350 ms), well inside the wait.
const (
	DefaultHashWait  = time.Second
	DefaultHashQueue = 32
)

// hashPool bounds password hashing, the one CPU- and memory-heavy step of
// a login, to a few slots, with a short bounded queue in front. A caller
// that finds the queue full is refused with EUnavailable at once, and one
// that waits too long is refused then: under overload, fast 503s keep the
// server answering, where an unbounded queue would grow until every
// request timed out.
type hashPool struct {
	slots   chan struct{}
	wait    time.Duration
	queue   int64
	waiting atomic.Int64
}

// newHashPool returns a pool of n slots (GOMAXPROCS when n <= 0) whose
// callers wait at most wait (DefaultHashWait when wait <= 0), at most
// queue of them at once (DefaultHashQueue when queue <= 0).
func newHashPool(n int, wait time.Duration, queue int) *hashPool {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if wait <= 0 {
		wait = DefaultHashWait
	}
	if queue <= 0 {
		queue = DefaultHashQueue
	}
	return &hashPool{slots: make(chan struct{}, n), wait: wait, queue: int64(queue)}
}

// acquire takes a slot; it fails with EUnavailable at once when the queue
// is full, or after the wait.
func (p *hashPool) acquire(ctx context.Context) error {
	select {
	case p.slots <- struct{}{}:
		return nil
	default:
	}
	if p.waiting.Add(1) > p.queue {
		p.waiting.Add(-1)
		return errBusy()
	}
	defer p.waiting.Add(-1)
	t := time.NewTimer(p.wait)
	defer t.Stop()
	select {
	case p.slots <- struct{}{}:
		return nil
	case <-t.C:
		return errBusy()
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *hashPool) release() { <-p.slots }

func errBusy() error {
	return idp.Errorf(idp.EUnavailable, "The server is busy. Please try again shortly.")
}

// hash returns a new argon2id hash of password.
func (p *hashPool) hash(ctx context.Context, password string) (string, error) {
	if err := p.acquire(ctx); err != nil {
		return "", err
	}
	defer p.release()
	return hashArgon2id(password), nil
}

// verify reports whether password matches hash.
func (p *hashPool) verify(ctx context.Context, hash, password string) (bool, error) {
	if err := p.acquire(ctx); err != nil {
		return false, err
	}
	defer p.release()
	return verifyHash(hash, password)
}
