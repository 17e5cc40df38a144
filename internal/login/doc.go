// Package login serves the hosted pages a browser signs in on (Auth0's
// Universal Login, in our own design):
//
//	GET  /u/login?state=…              sign-in form for the Transaction state
//	POST /u/login                      check the password; session; 303 /authorize/resume
//	GET  /u/signup?state=…             signup form with the password policy
//	POST /u/signup                     create the user, mail a verification link, sign in
//	GET  /u/reset-password[?state=…]   "forgot your password?" form
//	POST /u/reset-password             mail a reset link; the same answer for any email
//	GET  /lo/reset?ticket=…            new-password form (authn's reset link)
//	POST /lo/reset                     set the password; end the user's sessions
//	GET  /lo/verify_email?ticket=…     mark the email verified (authn's verification link)
//	GET  /u/assets/{name}              login.css, and theme.css?p=rrggbb&b=rrggbb (branding)
//	GET  /dev/mailbox                  dev only (Handler.Mailbox set): the mails "sent"
//
// It meets internal/oauth only through the stored idp.Transaction:
// /authorize stores one and sends the browser here with its ID as state;
// a successful sign-in records UserID, SessionID and AuthTime on it, sets
// the idp.SessionCookie and sends the browser to /authorize/resume.
//
// The pages work without JavaScript and send no script at all. Every POST
// carries a CSRF token, checked in constant time against an HttpOnly,
// SameSite=Strict cookie. Every response forbids framing and caching
// (assets excepted: they are versioned and immutable). Errors are shown in
// the page, focused and tied to their inputs; a wrong password and an
// unknown email give the same page.
package login
