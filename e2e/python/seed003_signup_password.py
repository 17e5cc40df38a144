"""Seed 003 ("Authentication with Auth0: Part I"): signup() through
/dbconnections/signup and generate_token() through the password grant, both
with httpx, exactly as the post has them.

Only auth0_token_issuer changes (https://localhost:PORT instead of
https://{tenant}.{region}.auth0.com); httpx finds the CA in SSL_CERT_FILE.
The seed targets pydantic 2; Debian 12 ships pydantic 1, which has no
StringConstraints, so a stand-in is defined below (the checks here test the
non-empty values themselves).
"""

import httpx
import jwt
from pydantic import BaseModel, Field
from typing_extensions import Annotated

try:
    from pydantic import StringConstraints
except ImportError:  # pydantic 1: Annotated ignores this marker
    def StringConstraints(**constraints):
        return constraints

import harness
from harness import check


# --- seed 003, auth.py: signup ------------------------------------------------

class InvalidSignupError(Exception):
    """Exception raised for invalid signup credentials."""

    def __init__(self, email: str):
        self.email = email
        super().__init__(f"Invalid signup credentials for email: {email}")


class Auth0ApiError(Exception):
    """Exception raised for errors in the Auth0 API."""

    def __init__(self, operation: str, code: str):
        self.code = code
        self.operation = operation

        message = f"Error executing operation '{operation}': received code '{code}'"
        super().__init__(message)


class SignupResponse(BaseModel):
    uid: Annotated[str, StringConstraints(min_length=1), Field(alias="_id")]


def signup(auth0_token_issuer: str, auth0_client_id: str, email: str, password: str):
    headers = {
        "Content-Type": "application/json",
    }

    with httpx.Client() as client:
        response = client.post(
            f"{auth0_token_issuer}/dbconnections/signup",
            json={
                "client_id": auth0_client_id,
                "email": email,
                "password": password,
                "connection": "Username-Password-Authentication",
            },
            headers=headers,
        )

    match response.status_code:
        case 200:
            return SignupResponse(**response.json())
        case 400:
            raise InvalidSignupError(email=email)
        case _:
            raise Auth0ApiError(operation="signup", code=response.status_code)


# --- seed 003, auth.py: generate_token ----------------------------------------

class TokenResponse(BaseModel):
    access_token: Annotated[str, StringConstraints(min_length=1)]
    token_type: Annotated[str, StringConstraints(min_length=1)]
    expires_in: int


class InvalidCredentialsError(Exception):
    """Exception raised for invalid credentials."""

    def __init__(self, email: str):
        self.email = email
        super().__init__(f"Invalid credentials for email: {email}")


def generate_token(
    auth0_token_issuer: str,
    auth0_client_id: str,
    auth0_client_secret: str,
    auth0_token_audience: str,
    email: str,
    password: str
) -> TokenResponse:
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
    }

    with httpx.Client() as client:
        response = client.post(
            f"{auth0_token_issuer}/oauth/token",
            data={
                "client_id": auth0_client_id,
                "client_secret": auth0_client_secret,
                "audience": auth0_token_audience,
                "grant_type": "password",
                "username": email,
                "password": password,
            },
            headers=headers,
        )

    match response.status_code:
        case 200:
            return TokenResponse(**response.json())
        case 403:
            raise InvalidCredentialsError(email=email)
        case _:
            raise Auth0ApiError(operation="generate_token", code=response.status_code)


# --- checks ---------------------------------------------------------------------

AUTH0_TOKEN_ISSUER = f"https://{harness.DOMAIN}"


def check_signup(email: str) -> str:
    created = signup(AUTH0_TOKEN_ISSUER, harness.WEB_CLIENT_ID, email, harness.PASSWORD)
    check(len(created.uid) == 24 and all(c in "0123456789abcdef" for c in created.uid),
          "signup returns 200 with a 24-hex _id", created.uid)
    try:
        signup(AUTH0_TOKEN_ISSUER, harness.WEB_CLIENT_ID, email, harness.PASSWORD)
        harness.fail("a second signup with the same email succeeded")
    except InvalidSignupError:
        check(True, "a duplicate signup is a 400 (InvalidSignupError)")
    return created.uid


def check_token(email: str, uid: str) -> None:
    token = generate_token(AUTH0_TOKEN_ISSUER, harness.WEB_CLIENT_ID, harness.WEB_CLIENT_SECRET,
                           harness.AUDIENCE, email, harness.PASSWORD)
    check(token.token_type == "Bearer" and token.expires_in == 86400,
          "generate_token returns a Bearer token for 86400 s", token)
    jwks = jwt.PyJWKClient(f"https://{harness.DOMAIN}/.well-known/jwks.json")
    claims = jwt.decode(token.access_token, jwks.get_signing_key_from_jwt(token.access_token).key,
                        algorithms=["RS256"], audience=harness.AUDIENCE, issuer=f"{AUTH0_TOKEN_ISSUER}/")
    check(claims["sub"] == f"auth0|{uid}", "access token sub is auth0|<_id>", claims["sub"])
    check(claims.get("gty") == "password", "access token gty is password", claims.get("gty"))
    check(claims.get("azp") == harness.WEB_CLIENT_ID, "access token azp is the client id", claims.get("azp"))
    check(claims["exp"] - claims["iat"] == 86400, "exp - iat is 86400", claims["exp"] - claims["iat"])


def check_wrong_password(email: str) -> None:
    try:
        generate_token(AUTH0_TOKEN_ISSUER, harness.WEB_CLIENT_ID, harness.WEB_CLIENT_SECRET,
                       harness.AUDIENCE, email, "Not-The-Password-7")
        harness.fail("generate_token succeeded with a wrong password")
    except InvalidCredentialsError:
        check(True, "a wrong password is a 403 (InvalidCredentialsError)")


def main() -> None:
    email = harness.unique_email("seed003")
    uid = check_signup(email)
    check_token(email, uid)
    check_wrong_password(email)


if __name__ == "__main__":
    main()
