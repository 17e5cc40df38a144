// node-auth0's AuthenticationClient and UserInfoClient (the v4 API, which
// auth0@7 ships as `auth0/legacy`), used as their docs show. passwordGrant
// and refreshTokenGrant validate the ID token themselves: RS256 via
// https://{domain}/.well-known/jwks.json, iss https://{domain}/, aud client id.
import { AuthenticationClient, UserInfoClient } from 'auth0/legacy';
import {
  attempt, audience, check, claims, connection, domain, issuer, m2m, password, rejects,
  uniqueEmail, web,
} from './lib.mjs';

const webAuth = new AuthenticationClient({ domain, clientId: web.id, clientSecret: web.secret });
const m2mAuth = new AuthenticationClient({ domain, clientId: m2m.id, clientSecret: m2m.secret });

async function signUp(email) {
  const { data } = await attempt('database.signUp creates a user', () =>
    webAuth.database.signUp({ email, password, connection }));
  check(/^[0-9a-f]{24}$/.test(data.id) && data.email === email && data.email_verified === false,
    'signUp response has _id (24 hex), email, email_verified false', data);
  const dup = await rejects('duplicate signUp', () =>
    webAuth.database.signUp({ email, password, connection }));
  check(dup.statusCode === 400, 'a duplicate signUp is rejected with 400', dup);
  return data.id;
}

async function login(email, id) {
  const { data } = await attempt('oauth.passwordGrant (ID token validated by the SDK)', () =>
    webAuth.oauth.passwordGrant({
      username: email, password, audience, scope: 'openid profile email offline_access read:messages',
    }));
  const at = claims(data.access_token);
  check(at.iss === issuer && at.sub === `auth0|${id}` && at.gty === 'password',
    'access token iss, sub auth0|<id>, gty password', at);
  check(Array.isArray(at.aud) && at.aud.includes(audience) && at.aud.includes(`${issuer}userinfo`),
    'access token aud holds the API and /userinfo', at.aud);
  check(typeof data.refresh_token === 'string' && typeof data.id_token === 'string',
    'passwordGrant returns a refresh token and an ID token', Object.keys(data));
  await attempt('oauth.passwordGrant with realm (password-realm grant)', () =>
    webAuth.oauth.passwordGrant({ username: email, password, realm: connection, audience }));
  const wrong = await rejects('wrong password', () =>
    webAuth.oauth.passwordGrant({ username: email, password: 'Not-The-Password-7', audience }));
  check(wrong.statusCode === 403 && wrong.error === 'invalid_grant',
    'a wrong password is 403 invalid_grant', wrong);
  return data;
}

async function refreshAndRevoke(tokens) {
  const { data } = await attempt('oauth.refreshTokenGrant (ID token validated by the SDK)', () =>
    webAuth.oauth.refreshTokenGrant({ refresh_token: tokens.refresh_token }));
  check(data.refresh_token && data.refresh_token !== tokens.refresh_token,
    'the rotating client gets a new refresh token', Object.keys(data));
  await attempt('oauth.revokeRefreshToken', () =>
    webAuth.oauth.revokeRefreshToken({ token: data.refresh_token }));
  const revoked = await rejects('refresh with a revoked token', () =>
    webAuth.oauth.refreshTokenGrant({ refresh_token: data.refresh_token }));
  check(revoked.statusCode === 403 && revoked.error === 'invalid_grant',
    'a revoked refresh token is 403 invalid_grant', revoked);
}

async function userInfo(accessToken, id, email) {
  const client = new UserInfoClient({ domain });
  const { data } = await attempt('UserInfoClient.getUserInfo', () => client.getUserInfo(accessToken));
  check(data.sub === `auth0|${id}` && data.email === email, 'userinfo has sub and email', data);
}

async function changePassword(email) {
  const { data } = await attempt('database.changePassword', () =>
    webAuth.database.changePassword({ email, connection }));
  check(data === "We've just sent you an email to reset your password.",
    'changePassword answers with the reset text', data);
}

async function clientCredentials() {
  const { data } = await attempt('oauth.clientCredentialsGrant', () =>
    m2mAuth.oauth.clientCredentialsGrant({ audience }));
  const at = claims(data.access_token);
  check(at.iss === issuer && at.aud === audience && at.sub === `${m2m.id}@clients`
    && at.gty === 'client-credentials' && at.exp - at.iat === 86400,
    'client-credentials claims: iss, aud, sub, gty, lifetime', at);
  check(data.token_type === 'Bearer' && data.expires_in === 86400, 'token_type Bearer, expires_in 86400', data);
}

const email = uniqueEmail('node-auth0');
const id = await signUp(email);
const tokens = await login(email, id);
await refreshAndRevoke(tokens);
await userInfo(tokens.access_token, id, email);
await changePassword(email);
await clientCredentials();
