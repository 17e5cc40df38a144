// openid-client v6 (panva), an OIDC client with no Auth0 knowledge: discovery
// checks the issuer strictly, then the client credentials grant, a password
// grant through genericGrantRequest (ID token claims validated), userinfo and
// a refresh.
import * as client from 'openid-client';
import { attempt, audience, check, claims, connection, issuer, m2m, password, uniqueEmail, web } from './lib.mjs';

async function clientCredentials() {
  const config = await attempt('discovery for the M2M client', () =>
    client.discovery(new URL(issuer), m2m.id, m2m.secret));
  check(config.serverMetadata().issuer === issuer, 'discovered issuer matches', config.serverMetadata().issuer);
  const tokens = await attempt('clientCredentialsGrant', () =>
    client.clientCredentialsGrant(config, { audience }));
  const at = claims(tokens.access_token);
  check(tokens.token_type.toLowerCase() === 'bearer' && tokens.expires_in === 86400, 'Bearer, expires_in 86400', tokens);
  check(at.sub === `${m2m.id}@clients` && at.aud === audience && at.iss === issuer, 'access token sub, aud, iss', at);
}

async function signUp(email) {
  const res = await fetch(`${issuer}dbconnections/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: web.id, email, password, connection }),
  });
  check(res.status === 200, 'signup for the openid-client user', await res.text());
}

async function passwordFlow() {
  const email = uniqueEmail('openid-client');
  await signUp(email);
  const config = await attempt('discovery for the web client', () =>
    client.discovery(new URL(issuer), web.id, web.secret));
  const tokens = await attempt('genericGrantRequest password', () =>
    client.genericGrantRequest(config, 'password', {
      username: email, password, audience, scope: 'openid email offline_access',
    }));
  const idClaims = tokens.claims();
  check(idClaims?.iss === issuer && idClaims?.aud === web.id && idClaims?.email === email,
    'ID token claims: iss, aud client id, email', idClaims);
  const info = await attempt('fetchUserInfo', () => client.fetchUserInfo(config, tokens.access_token, idClaims.sub));
  check(info.email === email, 'userinfo email matches', info);
  const fresh = await attempt('refreshTokenGrant', () => client.refreshTokenGrant(config, tokens.refresh_token));
  check(fresh.claims()?.sub === idClaims.sub, 'refreshed ID token has the same sub', fresh.claims());
}

await clientCredentials();
await passwordFlow();
