"""Seed 001 (kipparker/fastapi-auth0): PyJWT verification, a FastAPI private
endpoint behind HTTPBearer, and a client-credentials token from requests.

The seed's code is kept as written; only AUTH0_DOMAIN/AUTH0_AUDIENCE and the
client id/secret are filled in. The CA comes from REQUESTS_CA_BUNDLE
(requests) and SSL_CERT_FILE (urllib inside PyJWKClient).
"""

from typing import Any

import jwt
import requests
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

import harness
from harness import check

AUTH0_DOMAIN = harness.DOMAIN
AUTH0_AUDIENCE = harness.AUDIENCE


# --- seed 001, auth.py -------------------------------------------------------

def verify_token(token: str, domain: str, audience: str) -> dict[str, Any]:
    """
    Use the pyjwt jwkclient to get a signing key, then decode the supplied token
    """
    jwks_client = jwt.PyJWKClient(f"https://{domain}/.well-known/jwks.json")
    signing_key = jwks_client.get_signing_key_from_jwt(token).key
    return jwt.decode(
        token,
        signing_key,
        algorithms=["RS256"],
        audience=audience,
        issuer=f"https://{domain}/",
    )


security = HTTPBearer()


async def has_access(credentials: HTTPAuthorizationCredentials = Depends(security)):
    """
    Function that is used to validate the token in the case that it requires it
    """
    try:
        verify_token(credentials.credentials, AUTH0_DOMAIN, AUTH0_AUDIENCE)
    except jwt.PyJWTError as e:
        raise HTTPException(status_code=401, detail=str(e))


# --- seed 001, main.py -------------------------------------------------------

app = FastAPI()


@app.get("/", dependencies=[Depends(has_access)])
def get():
    return {"message": "This is private"}


# --- seed 001, the test snippet ----------------------------------------------

def get_token() -> dict:
    payload = {
        "client_id": harness.M2M_CLIENT_ID,
        "client_secret": harness.M2M_CLIENT_SECRET,
        "audience": AUTH0_AUDIENCE,
        "grant_type": "client_credentials",
    }
    r = requests.post(f"https://{AUTH0_DOMAIN}/oauth/token", json=payload)
    check(r.status_code == 200, "requests.post /oauth/token (client_credentials, JSON) is 200", r.text)
    # The seed writes r['access_token'] on the Response; r.json() is what it means.
    return r.json()


def check_claims(body: dict) -> str:
    check(body.get("token_type") == "Bearer" and body.get("expires_in") == 86400,
          "token response is Bearer with expires_in 86400", body)
    check("refresh_token" not in body and "id_token" not in body,
          "client credentials yield no refresh or ID token", list(body))
    token = body["access_token"]
    claims = verify_token(token, AUTH0_DOMAIN, AUTH0_AUDIENCE)
    check(claims["iss"] == f"https://{AUTH0_DOMAIN}/", "iss has the trailing slash", claims["iss"])
    check(claims["aud"] == AUTH0_AUDIENCE, "aud is the API identifier (a string)", claims["aud"])
    check(claims["sub"] == f"{harness.M2M_CLIENT_ID}@clients", "sub is <client_id>@clients", claims["sub"])
    check(claims.get("azp") == harness.M2M_CLIENT_ID, "azp is the client id", claims.get("azp"))
    check(claims.get("gty") == "client-credentials", "gty is client-credentials", claims.get("gty"))
    check(claims.get("scope") == "read:messages", "scope is the client grant's", claims.get("scope"))
    check(claims["exp"] - claims["iat"] == 86400, "exp - iat is 86400", claims["exp"] - claims["iat"])
    check(jwt.get_unverified_header(token).get("kid") is not None, "token header names a kid")
    return token


def check_rejections(token: str) -> None:
    try:
        verify_token(token, AUTH0_DOMAIN, "https://other.e2e.test")
        harness.fail("verify_token accepted a token for another audience")
    except jwt.InvalidAudienceError:
        check(True, "verify_token refuses another audience")
    try:
        verify_token(harness.tamper(token), AUTH0_DOMAIN, AUTH0_AUDIENCE)
        harness.fail("verify_token accepted a tampered signature")
    except jwt.InvalidSignatureError:
        check(True, "verify_token refuses a tampered signature")


def main() -> None:
    token = check_claims(get_token())
    check_rejections(token)
    with harness.serve(app) as base:
        auth_header = {"authorization": f"Bearer {token}"}
        r = requests.get(f"{base}/", headers=auth_header)
        check(r.status_code == 200 and r.json() == {"message": "This is private"},
              "FastAPI private endpoint accepts the token", f"{r.status_code} {r.text}")
        r = requests.get(f"{base}/", headers={"authorization": f"Bearer {harness.tamper(token)}"})
        check(r.status_code == 401, "FastAPI private endpoint refuses a tampered token with 401", r.status_code)
        r = requests.get(f"{base}/")
        check(r.status_code in (401, 403), "FastAPI private endpoint refuses a request without a token",
              r.status_code)


if __name__ == "__main__":
    main()
