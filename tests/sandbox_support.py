"""What the sandbox tests share: request signing as DESIGN.md describes it (a test-side
`httpx.Auth` over `evocalize.signing`), the in-process app, and envelope readers. Kept out of
`conftest.py` so that test modules can import it (pytest runs with `--import-mode=importlib`)."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Generator
from typing import Any

import httpx
import pytest
from evocalize.signing import (
    KEY_HEADER,
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    current_timestamp,
    sign,
)
from evocalize_client import AuthenticatedClient
from evocalize_sandbox.app import Sandbox, create_app
from evocalize_sandbox.settings import Settings
from starlette.applications import Starlette

# starlette's TestClient warns that it will move to httpx2; the generated client needs httpx.
warnings.filterwarnings("ignore", message=".*httpx2.*")
from starlette.testclient import TestClient  # noqa: E402

KEY_ID = "test-partner"
SECRET = "test-partner-secret"
BASE_URL = "http://sandbox"
POSTGRES_ENV = "EVOCALIZE_TEST_POSTGRES_URL"


class SigningAuth(httpx.Auth):
    """Signs each request: path without query, exact body bytes, timestamp, secret."""

    requires_request_body = True

    def __init__(self, key_id: str = KEY_ID, secret: str = SECRET, timestamp: str | None = None):
        self.key_id = key_id
        self.secret = secret
        self.timestamp = timestamp

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        timestamp = self.timestamp or current_timestamp()
        path = request.url.raw_path.decode("ascii").split("?")[0]
        request.headers[KEY_ID_HEADER] = self.key_id
        request.headers[TIMESTAMP_HEADER] = timestamp
        request.headers[SIGNATURE_HEADER] = sign(path, request.content, timestamp, self.secret)
        yield request


class SharedSecretAuth(httpx.Auth):
    def __init__(self, key_id: str = KEY_ID, secret: str = SECRET):
        self.key_id = key_id
        self.secret = secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[KEY_ID_HEADER] = self.key_id
        request.headers[KEY_HEADER] = self.secret
        yield request


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against")
    return url


def make_app(database_url: str, clock: list[float] | None = None, **options: Any) -> Starlette:
    """The sandbox on `database_url`, without its background worker (tests drive batches with
    `process_pending_batches`), accepting the test credential; `clock` replaces its time."""
    settings = (
        Settings(run_worker=False, clock=lambda: clock[0]) if clock else Settings(run_worker=False)
    )
    return create_app(
        database_url=database_url, clients={KEY_ID: SECRET}, settings=settings, **options
    )


def sandbox_of(app: Starlette) -> Sandbox:
    sandbox = app.state.sandbox
    assert isinstance(sandbox, Sandbox)
    return sandbox


def client_for(app: Starlette, auth: httpx.Auth | None = None) -> AuthenticatedClient:
    http = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    http.auth = auth if auth is not None else SigningAuth()
    client = AuthenticatedClient(base_url=BASE_URL, token="")
    client.set_httpx_client(http)
    return client


def error_of(response: Any) -> dict[str, Any]:
    """The single error of an error envelope (from an httpx or generated-client response)."""
    body = json.loads(response.content)
    assert set(body) <= {"errors", "metadata"}
    (error,) = body["errors"]
    assert isinstance(error, dict)
    return error


def data_of(response: Any) -> Any:
    return json.loads(response.content)["data"]
