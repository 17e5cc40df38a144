// Package jwtcompare holds benchmarks only: jwtauth next to Auth0's
// go-jwt-middleware v2 (validator with jwks.CachingProvider), the
// validator Go users reach for, on the same tokens from the same issuer,
// in the same run. It lives apart from jwtauth so that jwtauth's own
// module graph stays the standard library and go-jose.
//
//	go test -run '^$' -bench . -benchmem ./bench/jwtcompare
//
// RepeatToken validates one token again and again (what an API sees from
// a client that reuses its token); FirstSeen validates a token never seen
// before by that validator, so each pays parsing and RS256 verification.
package jwtcompare
