package authn

import (
	"context"
	"runtime"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// DefaultHashWait is how long a caller waits for a free hashing slot
// before it is refused.
const DefaultHashWait = 50 * time.Millisecond

// hashPool bounds password hashing, the one CPU- and memory-heavy step of
// a login, to a few slots. A caller that cannot get a slot soon is refused
// with EUnavailable at once: under overload, fast 503s keep the server
// answering, where a queue would grow until every request timed out.
type hashPool struct {
	slots chan struct{}
	wait  time.Duration
}

// newHashPool returns a pool of n slots (GOMAXPROCS when n <= 0) whose
// callers wait at most wait (DefaultHashWait when wait <= 0).
func newHashPool(n int, wait time.Duration) *hashPool {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if wait <= 0 {
		wait = DefaultHashWait
	}
	return &hashPool{slots: make(chan struct{}, n), wait: wait}
}

// acquire takes a slot, or fails with EUnavailable after the wait.
func (p *hashPool) acquire(ctx context.Context) error {
	select {
	case p.slots <- struct{}{}:
		return nil
	default:
	}
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
