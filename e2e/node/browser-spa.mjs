// @auth0/auth0-spa-js in Chromium, as a single-page app uses it:
// loginWithRedirect through the hosted sign-in page, handleRedirectCallback,
// getTokenSilently (from the cache, then from the server: a refresh token
// grant with useRefreshTokens, else a hidden iframe with prompt=none and
// response_mode=web_message), getUser, logout; after logout silent
// authentication fails with login_required.
import {
  app, audience, audiences, check, claims, domain, email, issuer, scenario, scopes, signIn,
  spaClientId, waitForApp, withBrowser,
} from './browser.mjs';

const useRefreshTokens = scenario === 'spa-js/refresh-tokens';
const options = {
  domain, clientId: spaClientId, useRefreshTokens, cacheLocation: 'memory',
  authorizationParams: { redirect_uri: `${app}/spa.html`, audience, scope: 'openid profile email read:messages' },
};

// inPage runs body(options) in the app page with a client, made as the app
// makes it, in window.client; body's value must be a settle() result.
async function inPage(page, body, opts = options) {
  return page.evaluate(async ([src, o]) => {
    window.client ??= await auth0.createAuth0Client(o);
    return new Function('client', 'o', `return (${src})(client, o);`)(window.client, o);
  }, [body.toString(), opts]);
}

async function login(page) {
  await page.goto(`${app}/spa.html`);
  await page.evaluate(async (o) => {
    const client = await auth0.createAuth0Client(o);
    client.loginWithRedirect(); // navigates away; not awaited
  }, options);
  await signIn(page);
  const back = await waitForApp(page, '/spa.html');
  check(back.searchParams.get('code') && back.searchParams.get('state'), 'back at the app with code and state', back.href);
  const r = await inPage(page, (client) => settle(client.handleRedirectCallback()));
  check(!r.error, 'handleRedirectCallback', r);
}

async function tokens(page) {
  const r = await inPage(page, async (client) => settle((async () => ({
    token: await client.getTokenSilently(), user: await client.getUser(),
    idClaims: await client.getIdTokenClaims(), authenticated: await client.isAuthenticated(),
  }))()));
  check(!r.error, 'getTokenSilently, getUser, getIdTokenClaims', r);
  const { token, user, idClaims, authenticated } = r.value;
  const at = claims(token);
  check(authenticated && user.email === email, 'getUser returns the profile', user);
  check(at.iss === issuer && audiences(at).includes(audience) && at.sub === user.sub,
    'access token: iss, aud has the API, sub is the user', at);
  check(scopes(at).includes('read:messages') && at.azp === spaClientId, 'access token: scope read:messages, azp the SPA', at);
  check(at.exp - at.iat === 86400, 'access token from the code flow lives token_lifetime (86400 s), not the browser value', at);
  check(idClaims.aud === spaClientId && typeof idClaims.nonce === 'string' && typeof idClaims.sid === 'string',
    'ID token: aud the SPA, nonce, sid', idClaims);
  return token;
}

// renew gets a token from the server, never the cache, and checks it came
// the way this scenario expects.
async function renew(page, trace, previous) {
  const tokenCalls = (await trace.find('POST', new URL(issuer).origin, '/oauth/token')).length;
  const r = await inPage(page, (client) => settle(client.getTokenSilently({ cacheMode: 'off', detailedResponse: true })));
  check(!r.error, `getTokenSilently({cacheMode: 'off'}) while signed in (${useRefreshTokens ? 'refresh token' : 'iframe'})`, r);
  check(claims(r.value.access_token).sub === claims(previous).sub, 'an access token for the same user', r.value);
  const calls = await trace.find('POST', new URL(issuer).origin, '/oauth/token');
  const grant = new URLSearchParams(calls.at(-1)?.body ?? '').get('grant_type');
  check(calls.length === tokenCalls + 1 && grant === (useRefreshTokens ? 'refresh_token' : 'authorization_code'),
    `it came from one more POST /oauth/token, grant_type ${grant}`, calls.length);
  const silent = (await trace.find('GET', new URL(issuer).origin, '/authorize'))
    .filter((x) => x.url.searchParams.get('prompt') === 'none');
  check(useRefreshTokens ? silent.length === 0 : silent.length > 0 &&
    silent.at(-1).url.searchParams.get('response_mode') === 'web_message',
  useRefreshTokens ? 'no iframe: the refresh token was used' : 'the iframe asked /authorize with prompt=none, web_message',
  silent.map((x) => x.url.search));
  return r.value.access_token;
}

// rotated checks that each refresh sent a different refresh token: the
// client is rotating, so every grant returned a new one, which spa-js used.
async function rotated(trace) {
  const sent = (await trace.find('POST', new URL(issuer).origin, '/oauth/token'))
    .map((x) => new URLSearchParams(x.body ?? '')).filter((b) => b.get('grant_type') === 'refresh_token')
    .map((b) => b.get('refresh_token'));
  check(sent.length === 2 && sent[0] !== sent[1], 'refresh tokens rotate: the second refresh sent the new one', sent.length);
}

async function logout(page, trace) {
  const returnTo = `${app}/spa.html`;
  await page.evaluate((url) => {
    window.client.logout({ logoutParams: { returnTo: url } }); // navigates away
  }, returnTo);
  await page.waitForURL((u) => u.href === returnTo);
  const [out] = await trace.find('GET', new URL(issuer).origin, '/v2/logout');
  check(out?.status === 302 && out.location === returnTo && out.url.searchParams.get('client_id') === spaClientId,
    'GET /v2/logout?client_id&returnTo redirected to returnTo', out);
  const r = await inPage(page, (client) => settle(client.getTokenSilently({ cacheMode: 'off' })),
    { ...options, useRefreshTokens: false });
  check(r.error === 'login_required', 'after logout, silent authentication fails with login_required', r);
  await signInAsked(page);
}

// signInAsked starts a new login: a top-level /authorize, which carries
// the SSO cookie under any cookie setting, must show the sign-in page
// rather than return to the app with a code.
async function signInAsked(page) {
  await page.evaluate(async (o) => {
    const client = await auth0.createAuth0Client(o);
    client.loginWithRedirect(); // navigates away; not awaited
  }, options);
  const server = new URL(issuer).origin;
  await page.waitForURL((u) => (u.origin === server && u.pathname === '/u/login') || (u.origin === app && u.searchParams.has('code')));
  check(new URL(page.url()).pathname === '/u/login', 'after logout, /authorize asks to sign in again', page.url());
}

await withBrowser(async (context, trace) => {
  const page = await context.newPage();
  await login(page);
  let token = await tokens(page);
  token = await renew(page, trace, token);
  token = await renew(page, trace, token);
  if (useRefreshTokens) await rotated(trace);
  await logout(page, trace);
}, { thirdPartyCookies: !useRefreshTokens });
