package mail

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

var errHeader = errors.New("mail: header value holds a line break")

// render returns m from from, dated now, as an RFC 5322 message with CRLF
// line endings and a quoted-printable UTF-8 body. The recipient must be
// one address and the subject one line, so no header can be injected.
func render(from string, now time.Time, m Message) ([]byte, error) {
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("mail: bad recipient: %w", err)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return nil, errHeader
	}
	var buf bytes.Buffer
	header := [][2]string{
		{"From", from}, {"To", to.String()},
		{"Subject", mime.QEncoding.Encode("utf-8", m.Subject)},
		{"Date", now.Format(time.RFC1123Z)},
		{"Message-ID", "<" + randomHex(16) + "@" + senderDomain(from) + ">"},
		{"MIME-Version", "1.0"}, {"Content-Type", "text/plain; charset=utf-8"},
		{"Content-Transfer-Encoding", "quoted-printable"},
	}
	for _, h := range header {
		buf.WriteString(h[0] + ": " + h[1] + "\r\n")
	}
	buf.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&buf)
	if _, err := qp.Write([]byte(m.Text)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// senderDomain is the domain of from's address, for Message-IDs.
func senderDomain(from string) string {
	a, err := mail.ParseAddress(from)
	if err != nil {
		return "gatehouse.localhost"
	}
	_, domain, ok := strings.Cut(a.Address, "@")
	if !ok || domain == "" {
		return "gatehouse.localhost"
	}
	return domain
}
