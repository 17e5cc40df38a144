// Package authn authenticates the users of database connections: password
// login with Auth0's brute-force protection (contract §12.1), public
// signup with Auth0's validation and password policy (§5.1, §13), and
// password reset through stateless, single-use mailed tickets.
//
// Passwords are hashed with argon2id (OWASP's minimum parameters) in PHC
// form; bcrypt hashes imported from elsewhere verify and are replaced by
// argon2id at the next successful login. Hashing is the expensive step of
// every flow here, so it runs in a fixed number of slots (GOMAXPROCS by
// default): a caller that cannot get one within a short wait is refused
// with idp.EUnavailable, so overload yields quick 503s instead of a queue.
//
// Login, in order:
//
//	connection by name      unknown: EInvalid (*Refusal)
//	user by email/username  unknown: dummy hash, EUnauthorized
//	brute-force counter     max reached: ETooManyAttempts (before the password)
//	password                wrong: count a failure, EUnauthorized
//	admin block             EBlocked
//	success                 clear the counter; record the login (one update)
//
// Errors are *idp.Error values, or types that unwrap to one: *Refusal
// (bad input with a Reason) and *idp.PasswordError (weak password).
package authn
