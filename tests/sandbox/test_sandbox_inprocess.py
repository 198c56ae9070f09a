"""The app runs in-process for async clients (and fuzzers) over ASGI, and is configured by
seed files whose mistakes are reported plainly."""

from __future__ import annotations

from pathlib import Path

import evocalize_sandbox
import httpx
import pytest
from evocalize_client import AuthenticatedClient
from evocalize_client.api.content import get_repository
from evocalize_client.api.users import list_users
from evocalize_sandbox.seed import SeedError
from sandbox_support import BASE_URL, client_for, make_app, sandbox_of, signing_auth
from starlette.applications import Starlette


@pytest.mark.anyio
async def test_the_async_client_drives_the_app_over_asgi(app: Starlette) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url=BASE_URL, auth=signing_auth()
    ) as http:
        client = AuthenticatedClient(base_url=BASE_URL, token="").set_async_httpx_client(http)
        response = await list_users.asyncio_detailed(client=client)
    assert response.status_code == 200


def test_the_package_offers_create_app() -> None:
    assert callable(evocalize_sandbox.create_app)


def test_an_unknown_seed_section_is_named(database_url: str) -> None:
    with pytest.raises(SeedError, match="reposit0ries"):
        make_app(database_url, seed={"reposit0ries": []})


def test_a_seed_file_that_is_not_a_mapping_is_refused(database_url: str, tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text("[1, 2]")
    with pytest.raises(SeedError, match="mapping of sections"):
        make_app(database_url, seed=str(seed))


def test_a_json_seed_file_is_read(database_url: str, tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text('{"repositories": [{"id": "r", "name": "R", "fields": []}]}')
    client = client_for(make_app(database_url, seed=str(seed)))
    assert get_repository.sync_detailed("r", client=client).status_code == 200


def test_a_sqlite_database_runs_in_wal_mode(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'wal.db'}")
    with sandbox_of(app).engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_leaving_one_of_two_lifespans_of_one_app_leaves_the_other_at_work(tmp_path: Path) -> None:
    # Several TestClients (each on its own thread) may enter one app's lifespan at once: the
    # first to leave once stopped the batch worker and closed the read connections of the rest.
    from starlette.testclient import TestClient

    app = evocalize_sandbox.create_app(database_url=f"sqlite:///{tmp_path / 's.db'}")
    sandbox = sandbox_of(app)
    with TestClient(app, base_url=BASE_URL) as first:
        with TestClient(app, base_url=BASE_URL):
            pass
        assert sandbox.worker_running
        assert not sandbox.batches.stopping.is_set()
        first.auth = signing_auth()
        assert first.get("/management/v1/users").status_code != 500
    assert not sandbox.worker_running


@pytest.mark.timeout(120)
def test_a_test_client_used_without_with_does_not_exhaust_the_connections(tmp_path: Path) -> None:
    # Without `with`, each request runs on a new thread: the read connection each one held
    # stayed out of the pool after the thread ended, and the 16th request answered 500.
    from starlette.testclient import TestClient

    app = evocalize_sandbox.create_app(
        database_url=f"sqlite:///{tmp_path / 's.db'}", clients={"p": "k"}
    )
    http = TestClient(app, base_url=BASE_URL)
    http.headers.update({"X-Evocalize-Client-Key-Id": "p", "X-Evocalize-Client-Key": "k"})
    for _ in range(40):
        assert http.get("/management/v1/users").status_code == 200
