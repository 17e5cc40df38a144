package mail

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Sender delivers one message.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// ErrQueueFull is returned when the queue has no room left.
var ErrQueueFull = errors.New("mail: queue full")

// queueSendTimeout bounds one background delivery.
const queueSendTimeout = time.Minute

// Queue sends messages in the background through another Sender. A
// request that mails (a password reset for a known email) then answers
// as fast as one that does not (an unknown email): a slow SMTP server
// would otherwise tell the two apart.
type Queue struct {
	next Sender
	log  *slog.Logger
	ch   chan Message
	wg   sync.WaitGroup
	once sync.Once
}

// NewQueue starts a queue of up to size messages in front of next.
func NewQueue(next Sender, size int, log *slog.Logger) *Queue {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	q := &Queue{next: next, log: log, ch: make(chan Message, size)}
	q.wg.Add(1)
	go q.run()
	return q
}

// Send queues m, or fails at once with ErrQueueFull.
func (q *Queue) Send(_ context.Context, m Message) error {
	select {
	case q.ch <- m:
		return nil
	default:
		return ErrQueueFull
	}
}

func (q *Queue) run() {
	defer q.wg.Done()
	for m := range q.ch {
		ctx, cancel := context.WithTimeout(context.Background(), queueSendTimeout)
		if err := q.next.Send(ctx, m); err != nil {
			q.log.Error("mail delivery failed", "err", err)
		}
		cancel()
	}
}

// Close stops taking messages and waits for the queued ones to be sent,
// until ctx is done; what is left then is dropped with a log line. Send
// must not be called after Close.
func (q *Queue) Close(ctx context.Context) {
	q.once.Do(func() { close(q.ch) })
	done := make(chan struct{})
	go func() { q.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		q.log.Warn("mail queue closed with messages unsent", "unsent", len(q.ch))
	}
}
