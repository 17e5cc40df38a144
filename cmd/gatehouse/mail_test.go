package main

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/authn"
	"github.com/gatehouse/gatehouse/internal/idp"
)

// TestResetMailDoesNotHoldTheRequest: with an SMTP server that accepts and
// never answers, a password reset for a known email still answers — the
// mail waits in the queue — so a slow mail server cannot tell known
// emails from unknown ones.
func TestResetMailDoesNotHoldTheRequest(t *testing.T) {
	hung, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns := make(chan net.Conn, 10)
	go func() {
		for {
			c, err := hung.Accept()
			if err != nil {
				return
			}
			conns <- c // held open, never answered
		}
	}()
	m, client, issuer := startMainWith(t, func(o *options) { o.smtp.Addr = hung.Addr().String() })
	t.Cleanup(func() { // before Main closes: fail the stuck delivery
		hung.Close()
		for len(conns) > 0 {
			(<-conns).Close()
		}
	})
	if _, err := m.Users.CreateUser(context.Background(), authn.SignupInput{Connection: idp.DefaultConnection,
		Email: "known@example.com", Password: "Str0ng-Passw0rd"}); err != nil {
		t.Fatal(err)
	}
	client.Timeout = 10 * time.Second // the SMTP client alone would wait 30 s
	resp, err := client.Post(issuer+"dbconnections/change_password", "application/json",
		strings.NewReader(`{"email":"known@example.com","connection":"Username-Password-Authentication"}`))
	if err != nil {
		t.Fatalf("the reset request waited on the mail server: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
}
