// Plumbing shared by the Node scripts, kept out of the SDK calls themselves.
// Settings come from the environment the Go test sets; the CA reaches Node
// only through NODE_EXTRA_CA_CERTS. check() prints each passing check and
// exits non-zero on the first failure.
import { randomBytes } from 'node:crypto';

export function env(name) {
  const value = process.env[name];
  if (!value) fail(`environment variable ${name} is not set (run these scripts through \`go test ./e2e\`)`);
  return value;
}

export const domain = env('GATEHOUSE_DOMAIN'); // localhost:PORT
export const issuer = `https://${domain}/`;
export const audience = env('E2E_API_AUDIENCE');
export const connection = env('E2E_CONNECTION');
export const m2m = { id: env('E2E_M2M_CLIENT_ID'), secret: env('E2E_M2M_CLIENT_SECRET') };
export const web = { id: env('E2E_WEB_CLIENT_ID'), secret: env('E2E_WEB_CLIENT_SECRET') };
export const password = 'Correct-Horse-42-battery'; // meets the "good" policy

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

export function check(ok, message, detail) {
  if (!ok) fail(detail === undefined ? message : `${message}: ${show(detail)}`);
  console.log(`ok: ${message}`);
}

function show(v) {
  if (v instanceof Error) return `${v.name}: ${v.message}${v.body ? ` body=${v.body}` : ''}`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

// attempt runs an SDK call, turning a rejection into a failed check.
export async function attempt(message, fn) {
  try {
    const value = await fn();
    console.log(`ok: ${message}`);
    return value;
  } catch (err) {
    fail(`${message}: ${show(err)}${err?.cause ? ` (cause: ${show(err.cause)})` : ''}`);
  }
}

// rejects runs fn, which must fail; it returns the error for closer checks.
export async function rejects(message, fn) {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  fail(`${message}: the call succeeded`);
}

export function uniqueEmail(prefix) {
  return `${prefix}-${randomBytes(4).toString('hex')}@e2e.example`;
}

export function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

// tamper flips one character in the middle of a JWT's signature.
export function tamper(jwt) {
  const [h, p, s] = jwt.split('.');
  const i = Math.floor(s.length / 2);
  return [h, p, s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)].join('.');
}
