"""Plumbing shared by the seed scripts, kept out of the seeds' own code.

Settings come from the environment that e2e's Go test sets (GATEHOUSE_DOMAIN,
E2E_*); the CA reaches the libraries only through SSL_CERT_FILE and
REQUESTS_CA_BUNDLE. check() prints each passing check and exits non-zero on
the first failure, so the Go test can assert exit status 0.
"""

import contextlib
import os
import secrets
import socket
import sys
import threading
import time

import uvicorn


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        fail(f"environment variable {name} is not set (run these scripts through `go test ./e2e`)")
    return value


DOMAIN = env("GATEHOUSE_DOMAIN")  # localhost:PORT, where the seeds have <tenant>.auth0.com
AUDIENCE = env("E2E_API_AUDIENCE")
M2M_CLIENT_ID = env("E2E_M2M_CLIENT_ID")
M2M_CLIENT_SECRET = env("E2E_M2M_CLIENT_SECRET")
WEB_CLIENT_ID = env("E2E_WEB_CLIENT_ID")
WEB_CLIENT_SECRET = env("E2E_WEB_CLIENT_SECRET")
PASSWORD = "Correct-Horse-42-battery"  # meets the "good" policy


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def check(ok: bool, message: str, detail: object = "") -> None:
    if not ok:
        fail(f"{message}: {detail}" if detail != "" else message)
    print(f"ok: {message}", flush=True)


def unique_email(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}@e2e.example"


def tamper(token: str) -> str:
    """Flips one character in the middle of the signature."""
    head, payload, sig = token.split(".")
    i = len(sig) // 2
    sig = sig[:i] + ("A" if sig[i] != "A" else "B") + sig[i + 1:]
    return ".".join([head, payload, sig])


@contextlib.contextmanager
def serve(app):
    """Runs app under uvicorn on a free loopback port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
