package mail

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"net"
	"net/http/httptest"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// smtpServer is a tiny SMTP server on loopback: enough of RFC 5321 for
// net/smtp's client, STARTTLS when it has a certificate, AUTH PLAIN.
type smtpServer struct {
	ln   net.Listener
	tls  *tls.Config // nil: no STARTTLS
	mu   sync.Mutex
	got  []received
	done chan struct{}
}

// received is what one session delivered.
type received struct {
	tls      bool
	auth     string // decoded AUTH PLAIN
	from, to string
	data     string
}

func newSMTPServer(t *testing.T, cfg *tls.Config) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, tls: cfg, done: make(chan struct{})}
	t.Cleanup(func() { ln.Close(); <-s.done })
	go s.serve()
	return s
}

func (s *smtpServer) serve() {
	defer close(s.done)
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.session(conn)
	}
}

func (s *smtpServer) session(conn net.Conn) {
	defer conn.Close()
	var r received
	tp := textproto.NewConn(conn)
	tp.PrintfLine("220 test ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			exts := []string{"test", "AUTH PLAIN"}
			if s.tls != nil && !r.tls {
				exts = append(exts, "STARTTLS")
			}
			for i, e := range exts {
				sep := "-"
				if i == len(exts)-1 {
					sep = " "
				}
				tp.PrintfLine("250%s%s", sep, e)
			}
		case "STARTTLS":
			tp.PrintfLine("220 go ahead")
			tc := tls.Server(conn, s.tls)
			if tc.Handshake() != nil {
				return
			}
			conn, tp, r.tls = tc, textproto.NewConn(tc), true
		case "AUTH":
			b, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(arg, "PLAIN "))
			r.auth = string(b)
			tp.PrintfLine("235 ok")
		case "MAIL":
			r.from = arg
			tp.PrintfLine("250 ok")
		case "RCPT":
			r.to = arg
			tp.PrintfLine("250 ok")
		case "DATA":
			tp.PrintfLine("354 go")
			b, _ := tp.ReadDotBytes()
			r.data = string(b)
			tp.PrintfLine("250 queued")
		case "QUIT":
			// Record before replying: the client returns on the reply.
			s.mu.Lock()
			s.got = append(s.got, r)
			s.mu.Unlock()
			tp.PrintfLine("221 bye")
			return
		default:
			tp.PrintfLine("250 ok")
		}
	}
}

func (s *smtpServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

// testCert borrows httptest's certificate, valid for 127.0.0.1.
func testCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	srv := httptest.NewTLSServer(nil)
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return srv.TLS.Certificates[0], pool
}

var testMessage = Message{To: "ana@example.com", Subject: "Verify your email", Text: "Open https://x.test/lo/verify_email?ticket=a.b.c\n"}

func TestSMTPPlainOnLoopback(t *testing.T) {
	srv := newSMTPServer(t, nil)
	s := &SMTP{Addr: srv.ln.Addr().String(), From: "Gatehouse <auth@example.org>"}
	if err := s.Send(context.Background(), testMessage); err != nil {
		t.Fatal(err)
	}
	got := srv.received()
	if len(got) != 1 || got[0].tls || got[0].from != "FROM:<auth@example.org>" || got[0].to != "TO:<ana@example.com>" {
		t.Fatalf("received %+v", got)
	}
	msg, err := mail.ReadMessage(bufio.NewReader(strings.NewReader(got[0].data)))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("Subject") != "Verify your email" || !strings.HasSuffix(msg.Header.Get("Message-Id"), "@example.org>") {
		t.Errorf("header %v", msg.Header)
	}
}

func TestSMTPStartTLSAndAuth(t *testing.T) {
	cert, pool := testCert(t)
	srv := newSMTPServer(t, &tls.Config{Certificates: []tls.Certificate{cert}})
	s := &SMTP{Addr: srv.ln.Addr().String(), Username: "ana", Password: "s3cret",
		TLS: &tls.Config{RootCAs: pool}}
	if err := s.Send(context.Background(), testMessage); err != nil {
		t.Fatal(err)
	}
	got := srv.received()
	if len(got) != 1 || !got[0].tls || got[0].auth != "\x00ana\x00s3cret" {
		t.Fatalf("received %+v", got)
	}
}

func TestSMTPRefusesUntrustedCertificate(t *testing.T) {
	cert, _ := testCert(t)
	srv := newSMTPServer(t, &tls.Config{Certificates: []tls.Certificate{cert}})
	s := &SMTP{Addr: srv.ln.Addr().String(), Username: "ana", Password: "s3cret"}
	if err := s.Send(context.Background(), testMessage); err == nil {
		t.Fatal("sent over TLS to a server with an untrusted certificate")
	}
	if len(srv.received()) != 0 {
		t.Error("message delivered")
	}
}

// A server off loopback must offer STARTTLS; deliver is given the
// decision Send makes for a non-loopback host.
func TestSMTPRequiresStartTLSOffLoopback(t *testing.T) {
	srv := newSMTPServer(t, nil)
	conn, err := net.Dial("tcp", srv.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c, err := smtp.NewClient(conn, "smtp.example.com")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := &SMTP{Addr: "smtp.example.com:587", Username: "ana", Password: "s3cret"}
	env, err := s.envelope(testMessage)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.deliver(c, "smtp.example.com", true, env); !errors.Is(err, ErrNoStartTLS) {
		t.Fatalf("deliver = %v, want ErrNoStartTLS", err)
	}
	if isLoopback("smtp.example.com") || !isLoopback("localhost") || !isLoopback("::1") || !isLoopback("127.0.0.2") {
		t.Error("isLoopback")
	}
}

func TestSMTPBadInput(t *testing.T) {
	srv := newSMTPServer(t, nil)
	bad := []struct {
		s SMTP
		m Message
	}{
		{SMTP{Addr: srv.ln.Addr().String()}, Message{To: "a@example.com\r\nBcc: eve@example.com", Subject: "x"}},
		{SMTP{Addr: srv.ln.Addr().String()}, Message{To: "a@example.com", Subject: "x\nBcc: eve@example.com"}},
		{SMTP{Addr: srv.ln.Addr().String(), From: "nobody"}, testMessage},
		{SMTP{Addr: "no-port"}, testMessage},
	}
	for _, b := range bad {
		if err := b.s.Send(context.Background(), b.m); err == nil {
			t.Errorf("Send(%+v) = nil", b)
		}
	}
	if len(srv.received()) != 0 {
		t.Error("delivered")
	}
}

func TestSMTPContextCancelled(t *testing.T) {
	srv := newSMTPServer(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &SMTP{Addr: srv.ln.Addr().String()}
	if err := s.Send(ctx, testMessage); err == nil {
		t.Fatal("sent with a cancelled context")
	}
}
