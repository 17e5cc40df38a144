// An Express API protected by express-oauth2-jwt-bearer as its README shows:
// auth({issuerBaseURL, audience}) discovers the issuer and its JWKS, and
// requiredScopes() checks the scope claim. Served on a free loopback port.
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { attempt, audience, check, issuer, m2m, tamper } from './lib.mjs';

const app = express();
app.use(auth({ issuerBaseURL: issuer, audience }));
app.get('/api/private', (req, res) => res.json({ sub: req.auth.payload.sub }));
app.get('/api/read', requiredScopes('read:messages'), (req, res) => res.json({ ok: true }));
app.get('/api/write', requiredScopes('write:messages'), (req, res) => res.json({ ok: true }));

async function m2mToken() {
  const res = await attempt('client-credentials token (fetch, form body)', () =>
    fetch(`${issuer}oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials', client_id: m2m.id, client_secret: m2m.secret, audience,
      }),
    }));
  const body = await res.json();
  check(res.status === 200 && body.access_token, 'token endpoint answers 200', body);
  return body.access_token;
}

function listen() {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function call(base, path, token) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const res = await fetch(base + path, { headers });
  return { status: res.status, wwwAuth: res.headers.get('www-authenticate') ?? '', text: await res.text() };
}

const token = await m2mToken();
const server = await listen();
const base = `http://127.0.0.1:${server.address().port}`;
try {
  let r = await call(base, '/api/private', token);
  check(r.status === 200 && JSON.parse(r.text).sub === `${m2m.id}@clients`, 'valid token is accepted', r);
  r = await call(base, '/api/read', token);
  check(r.status === 200, 'requiredScopes(read:messages) accepts the granted scope', r);
  r = await call(base, '/api/write', token);
  check(r.status === 403 && r.wwwAuth.includes('insufficient_scope'), 'a missing scope is 403 insufficient_scope', r);
  r = await call(base, '/api/private', tamper(token));
  check(r.status === 401 && r.wwwAuth.includes('invalid_token'), 'a tampered token is 401 invalid_token', r);
  r = await call(base, '/api/private');
  check(r.status === 401, 'no token is 401', r);
} finally {
  server.close();
}
