package mail

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// gate is a Sender that holds every delivery until released.
type gate struct {
	release chan struct{}
	mu      sync.Mutex
	sent    []Message
}

func (g *gate) Send(_ context.Context, m Message) error {
	<-g.release
	g.mu.Lock()
	defer g.mu.Unlock()
	g.sent = append(g.sent, m)
	return nil
}

func TestQueueAnswersAtOnceAndDelivers(t *testing.T) {
	g := &gate{release: make(chan struct{})}
	q := NewQueue(g, 1, nil)
	// While delivery is held, sends are accepted without waiting until the
	// queue (and the worker's hand) is full, then refused at once.
	accepted := 0
	var err error
	for range 100 {
		if err = q.Send(context.Background(), testMessage); err != nil {
			break
		}
		accepted++
	}
	if !errors.Is(err, ErrQueueFull) || accepted < 1 || accepted > 2 {
		t.Fatalf("accepted %d then %v, want 1-2 then ErrQueueFull", accepted, err)
	}
	close(g.release)
	q.Close(context.Background())
	if len(g.sent) != accepted {
		t.Fatalf("delivered %d messages, want the %d accepted", len(g.sent), accepted)
	}
}
