// Package mail delivers Gatehouse's email. Mailbox is dev mode's offline
// mailbox: each message becomes an RFC 5322 .eml file (mode 0600) in a
// directory, which a dev page lists and any mail client opens.
//
// A *Mailbox is an authn.Mailer as it stands: Message aliases the same
// unnamed struct type as authn.Message, since this package imports no
// other of the project.
package mail
