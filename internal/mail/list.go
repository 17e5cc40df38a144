package mail

import (
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// maxMessage bounds how much of one file List reads.
const maxMessage = 1 << 20

// Stored is a message read back from the mailbox.
type Stored struct {
	ID      string // file name without ".eml"
	Date    time.Time
	From    string
	To      string
	Subject string
	Text    string // LF line endings
}

// List returns the messages in the mailbox, newest first. Files it cannot
// parse are skipped.
func (b *Mailbox) List() ([]Stored, error) {
	names, err := filepath.Glob(filepath.Join(b.dir, "*.eml"))
	if err != nil {
		return nil, err
	}
	slices.Sort(names) // names start with the UTC time, so this is by date
	slices.Reverse(names)
	out := make([]Stored, 0, len(names))
	for _, name := range names {
		if s, err := readStored(name); err == nil {
			out = append(out, s)
		}
	}
	return out, nil
}

func readStored(path string) (Stored, error) {
	f, err := os.Open(path)
	if err != nil {
		return Stored{}, err
	}
	defer f.Close()
	msg, err := mail.ReadMessage(io.LimitReader(f, maxMessage))
	if err != nil {
		return Stored{}, err
	}
	text, err := readBody(msg)
	if err != nil {
		return Stored{}, err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		subject = msg.Header.Get("Subject")
	}
	date, _ := msg.Header.Date()
	return Stored{
		ID: strings.TrimSuffix(filepath.Base(path), ".eml"), Date: date,
		From: msg.Header.Get("From"), To: msg.Header.Get("To"), Subject: subject, Text: text,
	}, nil
}

func readBody(msg *mail.Message) (string, error) {
	body := msg.Body
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return "", err
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}
