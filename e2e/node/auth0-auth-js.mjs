// @auth0/auth0-auth-js, the Authentication SDK Auth0 now points node-auth0
// users to. It starts with OIDC discovery (openid-client), so the issuer in
// the discovery document must equal https://{domain}/ byte for byte.
import { AuthClient } from '@auth0/auth0-auth-js';
import {
  attempt, audience, check, claims, connection, domain, issuer, m2m, password, rejects,
  uniqueEmail, web,
} from './lib.mjs';

const webAuth = new AuthClient({ domain, clientId: web.id, clientSecret: web.secret });
const m2mAuth = new AuthClient({ domain, clientId: m2m.id, clientSecret: m2m.secret });

async function signUp(email) {
  const user = await attempt('database.signUp creates a user', () =>
    webAuth.database.signUp({ email, password, connection }));
  check(/^[0-9a-f]{24}$/.test(user.id) && user.email === email, 'signUp result has id and email', user);
  const dup = await rejects('duplicate signUp', () => webAuth.database.signUp({ email, password, connection }));
  check(dup.statusCode === 400, 'a duplicate signUp is rejected with 400', dup);
  return user.id;
}

async function login(email, id) {
  const meta = await attempt('getServerMetadata (discovery)', () => webAuth.getServerMetadata());
  check(meta.issuer === issuer, 'discovered issuer is https://{domain}/', meta.issuer);
  const tokens = await attempt('getTokenByPassword', () => webAuth.getTokenByPassword({
    username: email, password, audience, scope: 'openid profile email offline_access read:messages',
  }));
  check(tokens.claims?.sub === `auth0|${id}` && tokens.claims?.iss === issuer,
    'ID token claims (validated by openid-client) have sub and iss', tokens.claims);
  check(tokens.refreshToken && tokens.expiresAt - Date.now() / 1000 > 86000,
    'a refresh token and an access token good for about a day', tokens);
  const wrong = await rejects('wrong password', () =>
    webAuth.getTokenByPassword({ username: email, password: 'Not-The-Password-7', audience }));
  check(wrong.cause?.error === 'invalid_grant', 'a wrong password is invalid_grant', wrong.cause ?? wrong);
  return tokens;
}

async function refreshAndRevoke(tokens) {
  const fresh = await attempt('getTokenByRefreshToken', () =>
    webAuth.getTokenByRefreshToken({ refreshToken: tokens.refreshToken }));
  check(fresh.refreshToken && fresh.refreshToken !== tokens.refreshToken && fresh.idToken,
    'refresh rotates the refresh token and returns an ID token', fresh);
  await attempt('revokeToken', () => webAuth.revokeToken({ token: fresh.refreshToken, tokenTypeHint: 'refresh_token' }));
  const revoked = await rejects('refresh with a revoked token', () =>
    webAuth.getTokenByRefreshToken({ refreshToken: fresh.refreshToken }));
  check(revoked.cause?.error === 'invalid_grant', 'a revoked refresh token is invalid_grant', revoked.cause ?? revoked);
}

async function userInfo(tokens, id, email) {
  const info = await attempt('getUserInfo', () =>
    webAuth.getUserInfo({ accessToken: tokens.accessToken, expectedSubject: `auth0|${id}` }));
  check(info.email === email, 'userinfo has the email', info);
}

async function clientCredentials() {
  const tokens = await attempt('getTokenByClientCredentials', () =>
    m2mAuth.getTokenByClientCredentials({ audience }));
  const at = claims(tokens.accessToken);
  check(at.iss === issuer && at.aud === audience && at.sub === `${m2m.id}@clients`
    && at.gty === 'client-credentials' && at.scope === 'read:messages',
    'client-credentials claims: iss, aud, sub, gty, scope', at);
}

const email = uniqueEmail('auth0-auth-js');
const id = await signUp(email);
const tokens = await login(email, id);
await refreshAndRevoke(tokens);
await userInfo(tokens, id, email);
await clientCredentials();
