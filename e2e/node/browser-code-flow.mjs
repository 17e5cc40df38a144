// openid-client v6, an OIDC client with no Auth0 knowledge, as a regular
// web app: it builds the authorization URL (code, PKCE S256, state, nonce),
// Chromium signs in on the hosted page and lands on the app's callback,
// and Node redeems the code with authorizationCodeGrant, which checks
// state, the ID token (iss, aud, exp, iat, nonce) and the PKCE verifier.
import * as client from 'openid-client';
import {
  app, audience, audiences, check, claims, email, issuer, scopes, signIn, waitForApp, webApp, withBrowser,
} from './browser.mjs';

const redirectUri = `${app}/rwa/callback`;

async function authorizationRequest(config) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'openid profile email offline_access read:messages', audience,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    state, nonce,
  });
  return { url, verifier, state, nonce };
}

async function redeem(config, req, callback) {
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce, idTokenExpected: true,
  });
  console.log('ok: authorizationCodeGrant (state, PKCE verifier, ID token and nonce checked by openid-client)');
  return tokens;
}

await withBrowser(async (context) => {
  const config = await client.discovery(new URL(issuer), webApp.id, webApp.secret);
  check(config.serverMetadata().code_challenge_methods_supported?.includes('S256'), 'discovery lists PKCE S256',
    config.serverMetadata().code_challenge_methods_supported);
  const req = await authorizationRequest(config);
  const page = await context.newPage();
  await page.goto(req.url.href);
  await signIn(page);
  const callback = await waitForApp(page, '/rwa/callback');
  check(callback.searchParams.get('state') === req.state && callback.searchParams.get('code'), 'callback with code and the state', callback.href);

  const tokens = await redeem(config, req, callback);
  const id = tokens.claims();
  check(id.iss === issuer && id.aud === webApp.id && id.email === email && id.nonce === req.nonce,
    'ID token: iss, aud the web app, email, nonce', id);
  check(typeof id.auth_time === 'number' && typeof id.sid === 'string', 'ID token: auth_time and sid', id);
  const at = claims(tokens.access_token);
  check(audiences(at).includes(audience) && scopes(at).includes('read:messages') && at.sub === id.sub,
    'access token for the API with read:messages, for the same user', at);
  check(tokens.refresh_token, 'a refresh token for offline_access', Object.keys(tokens));
  const info = await client.fetchUserInfo(config, tokens.access_token, id.sub);
  check(info.email === email, 'userinfo with the code-flow access token', info);
});
