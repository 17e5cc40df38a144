package m2m

import (
	"fmt"
	"strconv"
	"time"

	"golang.org/x/oauth2"
)

// Token returns the cached token while it is fresh, and otherwise fetches
// a new one, once for all concurrent callers. It never returns an expired
// token. Treat the token as read-only: callers share it.
func (s *TokenSource) Token() (*oauth2.Token, error) {
	now := s.now()
	s.mu.Lock()
	if tok, ok := s.reusable(now); ok {
		s.mu.Unlock()
		return tok, nil
	}
	c, leader := s.inflight, false
	if c == nil {
		c, leader = &call{done: make(chan struct{})}, true
		s.inflight = c
	}
	s.mu.Unlock()
	if leader {
		s.refresh(c)
	}
	<-c.done
	return s.result(c)
}

// reusable returns the current token when it is fresh, or when it is
// unexpired and a refresh failed less than RetryInterval ago. s.mu is held.
func (s *TokenSource) reusable(now time.Time) (*oauth2.Token, bool) {
	if s.cur == nil || !now.Before(s.cur.expiry) {
		return nil, false
	}
	if now.Before(s.cur.fresh) || (!s.lastFail.IsZero() && now.Sub(s.lastFail) < RetryInterval) {
		return s.cur.tok, true
	}
	return nil, false
}

// refresh makes the one request of call c and publishes its outcome.
func (s *TokenSource) refresh(c *call) {
	start := s.now()
	e, err := s.fetch(start)
	s.mu.Lock()
	switch {
	case err != nil:
		s.lastFail = start
	case !e.tok.Expiry.IsZero():
		s.cur, s.lastFail = e, time.Time{}
	}
	s.inflight = nil
	s.mu.Unlock()
	c.err = err
	if e != nil {
		c.tok = e.tok
	}
	close(c.done)
}

// result is what a caller gets once the request it waited on is done: the
// current token if it is unexpired, even when that request failed; or a
// token without expires_in, which serves that request's callers only.
func (s *TokenSource) result(c *call) (*oauth2.Token, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.cur != nil && now.Before(s.cur.expiry):
		return s.cur.tok, nil
	case c.err != nil:
		return nil, c.err
	case c.tok.Expiry.IsZero():
		return c.tok, nil
	}
	return nil, fmt.Errorf("m2m: the token from %s expired before it could be used", s.cc.TokenURL)
}

// fetch requests a token and dates its expiry from start, the moment the
// request was sent, so that network time shortens its life, never extends it.
func (s *TokenSource) fetch(start time.Time) (*entry, error) {
	tok, err := s.cc.Token(s.ctx)
	if err != nil {
		return nil, fmt.Errorf("m2m: client credentials token for %q: %w", s.cc.EndpointParams.Get("audience"), err)
	}
	e := &entry{tok: tok}
	life := lifetime(tok)
	tok.Expiry = time.Time{} // recomputed on our clock, or none
	if life > 0 {
		tok.Expiry = start.Add(life)
		e.expiry = tok.Expiry
		e.fresh = e.expiry.Add(-min(s.margin, life/2))
	}
	return e, nil
}

// lifetime reads expires_in from the response (x/oauth2's clientcredentials
// keeps only an Expiry dated by its own clock); a JSON body gives a number,
// a form-encoded one a string.
func lifetime(tok *oauth2.Token) time.Duration {
	var secs float64
	switch v := tok.Extra("expires_in").(type) {
	case float64:
		secs = v
	case string:
		secs, _ = strconv.ParseFloat(v, 64)
	}
	if secs < 1 || secs > maxLifetime.Seconds() {
		return 0
	}
	return time.Duration(secs) * time.Second
}
