package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"time"
)

// Message is an email to one recipient, in plain text. It aliases the same
// unnamed struct type as authn.Message, so a Mailbox is an authn.Mailer
// without this package importing authn. Keep the two field lists identical.
type Message = struct {
	To      string
	Subject string
	Text    string
}

// DefaultFrom is the sender when none is configured.
const DefaultFrom = "Gatehouse <no-reply@gatehouse.localhost>"

// Mailbox writes each message it is sent as a .eml file in a directory.
type Mailbox struct {
	dir  string
	from string
	now  func() time.Time
}

// NewMailbox returns a Mailbox over dir, created (0700) if missing. from
// is the From header; "" means DefaultFrom.
func NewMailbox(dir, from string) (*Mailbox, error) {
	if from == "" {
		from = DefaultFrom
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("mail: bad sender %q: %w", from, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return &Mailbox{dir: dir, from: from, now: time.Now}, nil
}

// Send writes m as one .eml file. The file appears complete or not at all.
func (b *Mailbox) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	raw, err := render(b.from, b.now(), m)
	if err != nil {
		return err
	}
	now := b.now().UTC()
	name := now.Format("20060102T150405.000000000Z") + "-" + randomHex(4) + ".eml"
	return writeFile(filepath.Join(b.dir, name), raw)
}

// writeFile writes data to a temporary file and renames it into place,
// so List never reads half a message.
func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
