// A new user signs up in the browser: auth0-spa-js's loginWithRedirect
// with screen_hint=signup opens the hosted signup page; the account is
// created there, the user is signed in and lands back at the app, where
// getUser returns the new profile.
import { randomBytes } from 'node:crypto';
import {
  app, audience, check, domain, issuer, password, spaClientId, waitForApp, withBrowser,
} from './browser.mjs';

const newEmail = `browser-signup-${randomBytes(4).toString('hex')}@e2e.example`;
const options = {
  domain, clientId: spaClientId, cacheLocation: 'memory',
  authorizationParams: { redirect_uri: `${app}/spa.html`, audience, scope: 'openid profile email' },
};

await withBrowser(async (context) => {
  const page = await context.newPage();
  await page.goto(`${app}/spa.html`);
  await page.evaluate(async (o) => {
    const client = await auth0.createAuth0Client(o);
    client.loginWithRedirect({ authorizationParams: { screen_hint: 'signup' } }); // navigates away
  }, options);
  await page.waitForURL((u) => u.origin === new URL(issuer).origin && u.pathname === '/u/signup');
  console.log('ok: screen_hint=signup shows the hosted signup page');
  await page.locator('input[name="email"]').fill(newEmail);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await waitForApp(page, '/spa.html');
  const r = await page.evaluate(async (o) => {
    const client = await auth0.createAuth0Client(o);
    return settle((async () => { await client.handleRedirectCallback(); return client.getUser(); })());
  }, options);
  check(!r.error && r.value.email === newEmail, 'signed up, signed in, and getUser returns the new user', r);
});
