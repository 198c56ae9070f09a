"""What the sandbox tests share: request signing by the overlay's own `httpx.Auth` classes,
the in-process app, and envelope readers. Kept out of `conftest.py` so that test modules can
import it (pytest runs with `--import-mode=importlib`)."""

from __future__ import annotations

import json
import os
import time
import warnings
from typing import Any

import httpx
import pytest
from evocalize.auth import SharedSecretAuth, SignatureAuth
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


def signing_auth(
    key_id: str = KEY_ID, secret: str = SECRET, timestamp: str | None = None
) -> SignatureAuth:
    """The overlay's signature auth; `timestamp` pins the time it signs with."""
    return SignatureAuth(
        key_id, secret, clock=(lambda: float(timestamp)) if timestamp else time.time
    )


def shared_secret_auth(key_id: str = KEY_ID, secret: str = SECRET) -> SharedSecretAuth:
    return SharedSecretAuth(key_id, secret)


def postgres_url() -> str:
    """The PostgreSQL server to test against. Without one the test skips, except in CI (`CI`
    set, as `.ci/run` does), where PostgreSQL always installs and a skip would hide a broken
    set-up: there it fails."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{reason} (CI is set, where PostgreSQL tests must run)")
        pytest.skip(reason)
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
    http.auth = auth if auth is not None else signing_auth()
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
