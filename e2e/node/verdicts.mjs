// Verdicts of express-oauth2-jwt-bearer on a list of tokens, for
// attacks_test.go, which compares them with jwtauth's. Reads tokens on
// stdin, one per line (an empty line is an empty token); serves an Express
// app protected by auth({issuerBaseURL, audience, clockTolerance}) on a
// loopback port, sends each token to it as a bearer token, and prints one
// JSON line per token: {"verdict":"accept"} or {"verdict":"reject",
// "status":401,"error":"…"}. The issuer's CA reaches Node only through
// NODE_EXTRA_CA_CERTS.
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

const app = express();
app.use(auth({ issuerBaseURL, audience, clockTolerance }));
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
