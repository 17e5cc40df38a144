// Seed 002's flow: auth0-js's WebAuth with responseType 'token id_token'
// signs in through the hosted page in a popup (popup.authorize); the popup
// lands on http://localhost:PORT/callback/, where popup.callback() parses
// the fragment, auth0-js checks state, the ID token's signature (JWKS),
// iss, aud, nonce and at_hash, and hands both tokens to the opener.
import {
  app, audiences, check, claims, email, fruitAudience, issuer, scopes, signIn, spaClientId, withBrowser,
} from './browser.mjs';

const scope = 'openid profile email read:usual-fruit write:usual-fruit';

// authorize starts popup.authorize in the opener page; its promise settles
// when auth0-js calls back.
function authorize(page) {
  return page.evaluate((s) => new Promise((resolve) => {
    const webAuth = new auth0.WebAuth({
      domain: E2E.domain, clientID: E2E.spaClientId, responseType: 'token id_token',
      redirectUri: `${E2E.app}/callback/`, audience: E2E.fruitAudience, scope: s,
    });
    webAuth.popup.authorize({}, (err, result) => resolve(err
      ? { error: err.code ?? err.error ?? 'error', description: err.description ?? err.errorDescription, original: String(err.original?.message ?? '') }
      : { value: result }));
  }), scope);
}

await withBrowser(async (context, trace) => {
  const page = await context.newPage();
  await page.goto(`${app}/auth0-js.html`);
  const popup = page.waitForEvent('popup');
  const result = authorize(page);
  await signIn(await popup);
  const r = await result;
  check(!r.error, 'popup.authorize returns tokens; auth0-js validated the ID token (signature, iss, aud, nonce, at_hash)', r);
  const { accessToken, idToken, idTokenPayload, expiresIn, tokenType } = r.value;
  check(accessToken && idToken && tokenType === 'Bearer', 'both tokens, token_type Bearer', r.value);

  const sent = (await trace.find('GET', new URL(issuer).origin, '/authorize'))[0]?.url.searchParams;
  check(sent?.get('response_type') === 'token id_token' && sent.get('nonce'), 'the popup asked /authorize for token id_token with a nonce', sent?.toString());
  check(idTokenPayload.nonce === sent.get('nonce'), 'the ID token carries the nonce auth0-js sent', idTokenPayload);
  check(idTokenPayload.email === email && idTokenPayload.aud === spaClientId && idTokenPayload.iss === issuer,
    'ID token: email, aud the client, iss', idTokenPayload);
  check(typeof claims(idToken).at_hash === 'string', 'ID token has at_hash (implicit flow with an access token)', claims(idToken));

  const at = claims(accessToken);
  check(audiences(at).includes(fruitAudience) && at.iss === issuer, 'access token for api/fruit', at);
  check(['read:usual-fruit', 'write:usual-fruit'].every((s) => scopes(at).includes(s)), 'access token has the fruit scopes', at);
  check(expiresIn === 60 && at.exp - at.iat === 60, "browser flow uses the API's token_lifetime_for_web (60 s)", { expiresIn, iat: at.iat, exp: at.exp });
});
