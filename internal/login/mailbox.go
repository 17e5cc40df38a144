package login

import (
	"net/http"
	netmail "net/mail"
	"regexp"
	"time"

	"github.com/gatehouse/gatehouse/internal/mail"
)

// maxMailboxMessages bounds the dev mailbox page.
const maxMailboxMessages = 100

// mailboxPage is the dev mailbox: the newest messages, in full.
type mailboxPage struct {
	page
	Messages []mailView
}

// mailView is one message, its body cut into text and links.
type mailView struct {
	ID, Subject, From, To, Date, ISODate string
	Body                                 []segment
}

// segment is a run of a message's text; Href is set for a link.
type segment struct{ Text, Href string }

func (h *Handler) showMailbox(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Mailbox.List()
	if err != nil {
		return err
	}
	p := mailboxPage{page: page{Title: "Dev mailbox", Brand: h.brand(r.Context()), Wide: true,
		Lead: "Email Gatehouse sent while running as gatehouse dev, newest first."}}
	for i, m := range list {
		if i == maxMailboxMessages {
			break
		}
		p.Messages = append(p.Messages, viewMail(m))
	}
	h.render(w, http.StatusOK, "mailbox", p)
	return nil
}

func viewMail(m mail.Stored) mailView {
	return mailView{ID: m.ID, Subject: m.Subject, From: m.From, To: bareAddress(m.To),
		Date: m.Date.Format("2 Jan 2006 15:04:05 MST"), ISODate: m.Date.Format(time.RFC3339),
		Body: linkify(m.Text)}
}

// bareAddress shows "<a@example.com>" as "a@example.com".
func bareAddress(s string) string {
	if a, err := netmail.ParseAddress(s); err == nil && a.Name == "" {
		return a.Address
	}
	return s
}

// urlPattern finds http(s) links in a plain-text body.
var urlPattern = regexp.MustCompile(`https?://[^\s<>"]+`)

// linkify cuts text into plain runs and links; the template escapes both
// and html/template checks every href.
func linkify(text string) []segment {
	var out []segment
	last := 0
	for _, loc := range urlPattern.FindAllStringIndex(text, -1) {
		if loc[0] > last {
			out = append(out, segment{Text: text[last:loc[0]]})
		}
		u := text[loc[0]:loc[1]]
		out = append(out, segment{Text: u, Href: u})
		last = loc[1]
	}
	if last < len(text) {
		out = append(out, segment{Text: text[last:]})
	}
	return out
}
