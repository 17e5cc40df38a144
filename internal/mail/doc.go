// Package mail delivers Gatehouse's email. Two senders:
//
//   - Mailbox, dev mode's offline mailbox: each message becomes an RFC 5322
//     .eml file (mode 0600) in a directory, which a dev page lists and any
//     mail client opens.
//   - SMTP, for production: one connection per message to a submission
//     server, STARTTLS required unless the server is on loopback.
//
// Both are authn.Mailers as they stand: Message aliases the same unnamed
// struct type as authn.Message, since this package imports no other of
// the project.
package mail
