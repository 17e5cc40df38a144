// Verdicts of express-oauth2-jwt-bearer on a list of tokens, for
// attacks_test.go, which compares them with jwtauth's. Reads tokens on
// stdin, one per line (an empty line is an empty token); serves an Express
// app protected by auth({issuerBaseURL, audience, clockTolerance}) on a
// loopback port, sends each token to it as a bearer token, and prints one
// JSON line per token: {"verdict":"accept"} or {"verdict":"reject",
// "status":401,"error":"…"}. The issuer's CA reaches Node only through
// NODE_EXTRA_CA_CERTS.
//
// With VERDICT_POLICY=jwtauth the app also passes auth() custom
// validators, the library's documented way to add checks, that enforce
// what jwtauth enforces beyond express's defaults: typ, when present, JWT
// or at+jwt; no header that names a key source, an extension or a nested
// token; no ID-token claims; no iat in the future beyond clockTolerance.
import express from 'express';
import { auth } from 'express-oauth2-jwt-bearer';
import { readFileSync } from 'node:fs';

const issuerBaseURL = process.env.VERDICT_ISSUER;
const audience = process.env.VERDICT_AUDIENCE;
const clockTolerance = Number(process.env.VERDICT_CLOCK_TOLERANCE ?? '5');
if (!issuerBaseURL || !audience) {
  console.error('set VERDICT_ISSUER and VERDICT_AUDIENCE');
  process.exit(2);
}

// refusedHeaders are the header parameters jwtauth refuses outright.
const refusedHeaders = ['jku', 'x5u', 'jwk', 'x5c', 'crit', 'b64', 'cty'];
const accessTyp = (typ) => typ === undefined ||
  (typeof typ === 'string' && ['jwt', 'at+jwt'].includes(typ.toLowerCase().replace(/^application\//, '')));
const jwtauthPolicy = {
  typ: (typ, payload, header) => accessTyp(typ) && !refusedHeaders.some((h) => h in header),
  nonce: (nonce) => nonce === undefined,
  at_hash: (atHash) => atHash === undefined,
  iat: (iat) => iat === undefined || (typeof iat === 'number' && iat <= Date.now() / 1000 + clockTolerance),
};
const validators = process.env.VERDICT_POLICY === 'jwtauth' ? jwtauthPolicy : undefined;

const app = express();
app.use(auth({ issuerBaseURL, audience, clockTolerance, validators }));
app.get('/', (req, res) => res.json({ sub: req.auth.payload.sub }));

const server = await new Promise((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
const base = `http://127.0.0.1:${server.address().port}/`;

async function verdict(token) {
  const res = await fetch(base, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status === 200) return { verdict: 'accept' };
  return { verdict: 'reject', status: res.status, error: res.headers.get('www-authenticate') ?? '' };
}

const input = readFileSync(0, 'utf8');
const tokens = input.endsWith('\n') ? input.slice(0, -1).split('\n') : input.split('\n');
try {
  for (const token of tokens) {
    let v;
    try {
      v = await verdict(token);
    } catch (err) {
      v = { verdict: 'reject', status: 0, error: String(err?.cause ?? err) };
    }
    process.stdout.write(JSON.stringify(v) + '\n');
  }
} finally {
  server.close();
}
