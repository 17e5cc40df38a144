package jwtauth

import "errors"

// ErrInvalidToken matches, through errors.Is, every error that means the
// token itself is unacceptable: the client's fault, answered with 401.
var ErrInvalidToken = errors.New("jwtauth: invalid token")

// ErrKeysUnavailable matches the errors raised when no signing key can be
// had because the issuer's key set could not be fetched and none is cached.
// It is not the client's fault: answer 503 and let the client retry.
var ErrKeysUnavailable = errors.New("jwtauth: signing keys unavailable")

// TokenError is the error Validate returns for an unacceptable token.
// Description is short, fixed text meant for the RFC 6750
// error_description attribute; it never echoes the token's contents.
type TokenError struct {
	Description string
}

// Error returns the description prefixed with the package name.
func (e *TokenError) Error() string { return "jwtauth: invalid token: " + e.Description }

// Is makes errors.Is(err, ErrInvalidToken) true for every *TokenError.
func (e *TokenError) Is(target error) bool { return target == ErrInvalidToken }

// invalid builds a fresh *TokenError; no shared mutable sentinels.
func invalid(description string) error { return &TokenError{Description: description} }

// unavailable wraps cause so that errors.Is(err, ErrKeysUnavailable) holds
// while the cause stays visible to logs.
type unavailableError struct{ cause error }

func (e *unavailableError) Error() string {
	return "jwtauth: signing keys unavailable: " + e.cause.Error()
}

func (e *unavailableError) Is(target error) bool { return target == ErrKeysUnavailable }

func (e *unavailableError) Unwrap() error { return e.cause }

func unavailable(cause error) error { return &unavailableError{cause: cause} }
