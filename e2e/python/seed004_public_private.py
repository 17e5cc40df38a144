"""Seed 004 ("Build and Secure a FastAPI Server with Auth0"): public, private
and scoped endpoints guarded by Auth0's FastAPI sample verifier, which finds
the JWKS key named by the token's kid with PyJWKClient.

The seed describes the verifier but does not print it; this is the code of
Auth0's FastAPI sample that it follows (VerifyToken, settings from the
environment). Only the settings values point at Gatehouse.
"""

import os
from functools import lru_cache
from typing import Optional

import httpx
import jwt
import requests
from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, SecurityScopes

try:
    from pydantic_settings import BaseSettings
except ImportError:  # pydantic 1 (Debian 12) has BaseSettings itself
    from pydantic import BaseSettings

import harness
from harness import check

os.environ.update({
    "AUTH0_DOMAIN": harness.DOMAIN,
    "AUTH0_API_AUDIENCE": harness.AUDIENCE,
    "AUTH0_ISSUER": f"https://{harness.DOMAIN}/",
    "AUTH0_ALGORITHMS": "RS256",
})


# --- the sample's application/config.py ---------------------------------------

class Settings(BaseSettings):
    auth0_domain: str
    auth0_api_audience: str
    auth0_issuer: str
    auth0_algorithms: str


@lru_cache()
def get_settings():
    return Settings()


# --- the sample's application/utils.py ----------------------------------------

class UnauthorizedException(HTTPException):
    def __init__(self, detail: str, **kwargs):
        """Returns HTTP 403"""
        super().__init__(status.HTTP_403_FORBIDDEN, detail=detail)


class UnauthenticatedException(HTTPException):
    def __init__(self):
        super().__init__(
            status_code=status.HTTP_401_UNAUTHORIZED, detail="Requires authentication"
        )


class VerifyToken:
    """Does all the token verification using PyJWT"""

    def __init__(self):
        self.config = get_settings()

        # This gets the JWKS from a given URL and does processing so you can
        # use any of the keys available
        jwks_url = f'https://{self.config.auth0_domain}/.well-known/jwks.json'
        self.jwks_client = jwt.PyJWKClient(jwks_url)

    async def verify(self,
                     security_scopes: SecurityScopes,
                     token: Optional[HTTPAuthorizationCredentials] = Depends(HTTPBearer())
                     ):
        if token is None:
            raise UnauthenticatedException

        # This gets the 'kid' from the passed token
        try:
            signing_key = self.jwks_client.get_signing_key_from_jwt(
                token.credentials
            ).key
        except jwt.exceptions.PyJWKClientError as error:
            raise UnauthorizedException(str(error))
        except jwt.exceptions.DecodeError as error:
            raise UnauthorizedException(str(error))

        try:
            payload = jwt.decode(
                token.credentials,
                signing_key,
                algorithms=self.config.auth0_algorithms,
                audience=self.config.auth0_api_audience,
                issuer=self.config.auth0_issuer,
            )
        except Exception as error:
            raise UnauthorizedException(str(error))

        if len(security_scopes.scopes) > 0:
            self._check_claims(payload, 'scope', security_scopes.scopes)

        return payload

    def _check_claims(self, payload, claim_name, expected_value):
        if claim_name not in payload:
            raise UnauthorizedException(detail=f'No claim "{claim_name}" found in token')

        payload_claim = payload[claim_name]

        if claim_name == 'scope':
            payload_claim = payload[claim_name].split(' ')

        for value in expected_value:
            if value not in payload_claim:
                raise UnauthorizedException(detail=f'Missing "{claim_name}" scope')


# --- the sample's application/main.py -----------------------------------------

app = FastAPI()
auth = VerifyToken()


@app.get("/api/public")
def public():
    """No access token required to access this route"""

    result = {
        "status": "success",
        "msg": ("Hello from a public endpoint! You don't need to be "
                "authenticated to see this.")
    }
    return result


@app.get("/api/private")
def private(auth_result: str = Security(auth.verify)):
    """A valid access token is required to access this route"""
    return auth_result


@app.get("/api/private-scoped")
def private_scoped(auth_result: str = Security(auth.verify, scopes=['read:messages'])):
    """A valid access token and an appropriate scope are required to access
    this route
    """
    return auth_result


@app.get("/api/private-write")  # added here: a scope the M2M client's grant lacks
def private_write(auth_result: str = Security(auth.verify, scopes=['write:messages'])):
    return auth_result


# --- checks ---------------------------------------------------------------------

def m2m_token() -> str:
    r = requests.post(f"https://{harness.DOMAIN}/oauth/token", json={
        "client_id": harness.M2M_CLIENT_ID, "client_secret": harness.M2M_CLIENT_SECRET,
        "audience": harness.AUDIENCE, "grant_type": "client_credentials",
    })
    check(r.status_code == 200, "client-credentials token for the sample", r.text)
    return r.json()["access_token"]


def user_token() -> str:
    email = harness.unique_email("seed004")
    base = f"https://{harness.DOMAIN}"
    r = httpx.post(f"{base}/dbconnections/signup", json={
        "client_id": harness.WEB_CLIENT_ID, "email": email, "password": harness.PASSWORD,
        "connection": "Username-Password-Authentication"})
    check(r.status_code == 200, "signup for the sample's user", r.text)
    r = httpx.post(f"{base}/oauth/token", data={
        "grant_type": "password", "client_id": harness.WEB_CLIENT_ID,
        "client_secret": harness.WEB_CLIENT_SECRET, "audience": harness.AUDIENCE,
        "username": email, "password": harness.PASSWORD, "scope": "read:messages write:messages"})
    check(r.status_code == 200, "password-grant token for the sample", r.text)
    return r.json()["access_token"]


def get(base: str, path: str, token: Optional[str] = None) -> requests.Response:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return requests.get(base + path, headers=headers)


def check_kid(token: str) -> None:
    kid = jwt.get_unverified_header(token).get("kid")
    key = auth.jwks_client.get_signing_key(kid)
    check(key.key_id == kid, "PyJWKClient finds the JWKS key named by the token's kid", kid)


def main() -> None:
    machine, user = m2m_token(), user_token()
    check_kid(machine)
    with harness.serve(app) as base:
        r = get(base, "/api/public")
        check(r.status_code == 200 and r.json()["status"] == "success", "public endpoint is open", r.text)
        r = get(base, "/api/private")
        # HTTPBearer answers 403 in the FastAPI Debian 12 ships, 401 in newer ones.
        check(r.status_code in (401, 403), "private endpoint without a token is refused by HTTPBearer",
              r.status_code)
        r = get(base, "/api/private", "FastAPI is awesome")
        check(r.status_code == 403, "private endpoint refuses a non-JWT bearer", r.status_code)
        r = get(base, "/api/private", harness.tamper(machine))
        check(r.status_code == 403, "private endpoint refuses a tampered signature", r.text)
        r = get(base, "/api/private", machine)
        check(r.status_code == 200 and r.json()["sub"] == f"{harness.M2M_CLIENT_ID}@clients",
              "private endpoint accepts the M2M token", r.text)
        r = get(base, "/api/private-scoped", machine)
        check(r.status_code == 200, "scoped endpoint accepts read:messages", r.text)
        r = get(base, "/api/private-write", machine)
        check(r.status_code == 403 and "Missing" in r.text, "write endpoint refuses a token without write:messages",
              r.text)
        r = get(base, "/api/private-write", user)
        check(r.status_code == 200 and r.json()["sub"].startswith("auth0|"),
              "write endpoint accepts the user's token with write:messages", r.text)


if __name__ == "__main__":
    main()
