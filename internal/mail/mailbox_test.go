package mail_test

import (
	"context"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/internal/authn"
	gmail "github.com/gatehouse/gatehouse/internal/mail"
)

// A Mailbox is an authn.Mailer as it stands.
var _ authn.Mailer = (*gmail.Mailbox)(nil)

func newBox(t *testing.T) (*gmail.Mailbox, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mailbox")
	box, err := gmail.NewMailbox(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	return box, dir
}

func TestSendWritesRFC5322File(t *testing.T) {
	box, dir := newBox(t)
	text := "Hello,\n\nOpen https://localhost:8443/lo/reset?ticket=abc.123.def=ghi\nThé end, " + strings.Repeat("x", 100) + "\n"
	if err := box.Send(context.Background(), gmail.Message{To: "ana@example.com", Subject: "Réinitialiser", Text: text}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 || !strings.HasSuffix(files[0], ".eml") {
		t.Fatalf("files = %v", files)
	}
	st, err := os.Stat(files[0])
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, %v", st.Mode(), err)
	}
	raw, _ := os.ReadFile(files[0])
	if strings.Contains(strings.ReplaceAll(string(raw), "\r\n", ""), "\n") {
		t.Error("a line ends in bare LF")
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("To") != "<ana@example.com>" || msg.Header.Get("Message-Id") == "" {
		t.Errorf("header %v", msg.Header)
	}
	if _, err := msg.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	list, err := box.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %v, %v", list, err)
	}
	got := list[0]
	if got.Subject != "Réinitialiser" || got.Text != text || got.To != "<ana@example.com>" || got.Date.IsZero() {
		t.Errorf("read back %+v", got)
	}
}

func TestSendRefusesHeaderInjection(t *testing.T) {
	box, dir := newBox(t)
	bad := []gmail.Message{
		{To: "ana@example.com\r\nBcc: eve@example.com", Subject: "x", Text: "x"},
		{To: "ana@example.com", Subject: "x\r\nBcc: eve@example.com", Text: "x"},
		{To: "not an address", Subject: "x", Text: "x"},
	}
	for _, m := range bad {
		if err := box.Send(context.Background(), m); err == nil {
			t.Errorf("Send(%q, %q) = nil", m.To, m.Subject)
		}
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
		t.Errorf("files written: %v", files)
	}
}

func TestListNewestFirst(t *testing.T) {
	box, _ := newBox(t)
	for _, s := range []string{"one", "two", "three"} {
		if err := box.Send(context.Background(), gmail.Message{To: "a@example.com", Subject: s, Text: s}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := box.List()
	if err != nil || len(list) != 3 || list[0].Subject != "three" || list[2].Subject != "one" {
		t.Fatalf("List = %+v, %v", list, err)
	}
}

func TestNewMailboxBadSender(t *testing.T) {
	if _, err := gmail.NewMailbox(t.TempDir(), "nobody"); err == nil {
		t.Fatal("accepted a sender that is no address")
	}
}
