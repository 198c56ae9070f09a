"""Fixtures that run the sandbox in-process: a fresh database per test (SQLite, and
PostgreSQL when `EVOCALIZE_TEST_POSTGRES_URL` is set) and the generated client, signed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from evocalize_client import AuthenticatedClient
from evocalize_sandbox.registry import load_resources
from evocalize_sandbox.storage import metadata
from evocalize_sandbox.testing import RunningSandbox, run_sandbox
from sandbox_support import BASE_URL, client_for, make_app, postgres_url, signing_auth
from sandbox_under_test import OFFICE
from starlette.applications import Starlette
from starlette.testclient import TestClient


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database: a SQLite file, and PostgreSQL when one is configured."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sandbox.db'}"
    url = postgres_url()
    load_resources()
    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def clock() -> list[float]:
    """The sandbox's clock: tests move time by changing the single value."""
    return [1_800_000_000.0]


@pytest.fixture
def app(database_url: str) -> Iterator[Starlette]:
    application = make_app(database_url)
    yield application
    application.state.sandbox.engine.dispose()


@pytest.fixture
def client(app: Starlette) -> AuthenticatedClient:
    """The generated client, signing every request, against the in-process sandbox."""
    return client_for(app)


@pytest.fixture
def http(app: Starlette) -> TestClient:
    """A plain signed HTTP client, for requests the generated client cannot make."""
    test_client = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    test_client.auth = signing_auth()
    return test_client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def office_sandbox_running() -> Iterator[RunningSandbox]:
    """A sandbox in test mode, in process, for a whole module (see `office_sandbox`)."""
    with run_sandbox(OFFICE) as sandbox:
        yield sandbox


@pytest.fixture
def office_sandbox(office_sandbox_running: RunningSandbox) -> RunningSandbox:
    """The module's sandbox in test mode, reset to the OFFICE seed for this test."""
    office_sandbox_running.reset(OFFICE)
    return office_sandbox_running
