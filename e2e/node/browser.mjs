// Plumbing shared by the browser scripts (browser-*.mjs), kept out of the
// SDK calls themselves. Settings come from the environment browser_test.go
// sets; Chromium is Debian's, driven by playwright-core, and trusts the
// server's CA through the NSS database in $HOME. A failed check throws;
// withBrowser then prints the browser's traffic with the server and the
// app, and the pages' console, so a failure can be told from a wrong answer.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Trace } from './browser-trace.mjs';

export function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set (run these scripts through \`go test ./e2e\`)`);
  return value;
}

export const domain = env('GATEHOUSE_DOMAIN'); // localhost:PORT
export const issuer = `https://${domain}/`;
export const app = env('E2E_APP'); // http://localhost:APPPORT
export const spaClientId = env('E2E_SPA_CLIENT_ID');
export const webApp = { id: env('E2E_WEB_CLIENT_ID'), secret: env('E2E_WEB_CLIENT_SECRET') };
export const audience = env('E2E_API_AUDIENCE');
export const fruitAudience = env('E2E_FRUIT_AUDIENCE');
export const scenario = env('E2E_SCENARIO');
export const email = env('E2E_EMAIL'); // signed up by the Go test
export const password = 'Correct-Horse-42-battery'; // meets the "good" policy

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];

export function check(ok, message, detail) {
  if (!ok) throw new Error(detail === undefined ? message : `${message}: ${show(detail)}`);
  console.log(`ok: ${message}`);
}

export function show(v) {
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

// audiences returns a token's aud as a list.
export function audiences(c) {
  return Array.isArray(c.aud) ? c.aud : [c.aud];
}

export function scopes(c) {
  return (c.scope ?? '').split(' ').filter(Boolean);
}

// withBrowser runs fn(context, trace) in a fresh Chromium profile and
// sets a failing exit code, with the trace, if it throws.
//
// This Chromium blocks third-party cookies by default, and the app
// (http://localhost:APPPORT) and the server (https://localhost:PORT) are
// different sites, so the SSO cookie never reaches a hidden iframe: silent
// authentication then fails with login_required, as it does on Auth0 in
// Safari or Brave. thirdPartyCookies: true gives the profile Chrome's
// usual setting, "allow third-party cookies", for the iframe scenario.
export async function withBrowser(fn, { thirdPartyCookies = false } = {}) {
  const profile = mkdtempSync(join(env('HOME'), 'chromium-profile-'));
  if (thirdPartyCookies) allowThirdPartyCookies(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: env('E2E_CHROMIUM'), args: launchArgs, timeout: 30000,
  });
  context.setDefaultTimeout(15000);
  const trace = new Trace(context);
  try {
    await fn(context, trace);
  } catch (err) {
    console.error(`FAIL: ${show(err)}`);
    await trace.print();
    process.exitCode = 1;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function allowThirdPartyCookies(profile) {
  mkdirSync(join(profile, 'Default'));
  const prefs = { profile: { cookie_controls_mode: 0, block_third_party_cookies: false } };
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(prefs));
}

// signIn fills the hosted sign-in page that page is on, or about to be on.
export async function signIn(page, who = email) {
  await page.waitForURL((u) => u.origin === new URL(issuer).origin && u.pathname === '/u/login');
  console.log('ok: the hosted sign-in page is shown');
  await page.locator('input[name="username"]').fill(who);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

// waitForApp waits until page is back at the app on path.
export async function waitForApp(page, path) {
  await page.waitForURL((u) => u.origin === app && u.pathname === path);
  return new URL(page.url());
}
