"""Reads on a SQLite file run in read-only transactions: they never wait for a writer, and a
handler that writes while registered as a reader fails loudly instead of racing."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from evocalize_sandbox import registry
from evocalize_sandbox.context import Reply, RequestContext
from evocalize_sandbox.registry import READ_ONLY
from evocalize_sandbox.resources.users import users_table
from sandbox_support import BASE_URL, KEY_ID, error_of, make_app, sandbox_of, signing_auth
from starlette.testclient import TestClient


def signed_http(app: Any) -> TestClient:
    http = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    http.auth = signing_auth()
    return http


def test_a_read_answers_while_another_connection_holds_the_write_lock(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'sandbox.db'}")
    engine = sandbox_of(app).engine
    with engine.begin() as conn:
        conn.execute(
            sa.insert(users_table).values(
                organization=KEY_ID, id="u1", name="One", email="one@example.com"
            )
        )
    http = signed_http(app)
    with engine.begin() as writer:  # BEGIN IMMEDIATE: holds the write lock until the block ends
        writer.execute(sa.update(users_table).values(name="Renamed"))
        started = time.monotonic()
        answer = http.get("/management/v1/user/u1")
        waited = time.monotonic() - started
    assert answer.status_code == 200
    assert answer.json()["data"]["name"] == "One"  # the last commit, not the open write
    # A writer would wait for the lock up to the 30 s busy timeout.
    assert waited < 5
    assert http.get("/management/v1/user/u1").json()["data"]["name"] == "Renamed"


def test_gets_are_readers_unless_they_say_they_write() -> None:
    assert "getUser" in READ_ONLY and "listUsers" in READ_ONLY
    assert "createOrUpdateUser" not in READ_ONLY
    # Reading an audience placeholder settles a finished upload, which writes.
    assert "getAudiencePlaceholder" not in READ_ONLY


def test_a_handler_that_writes_in_a_read_only_transaction_fails_instead_of_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = registry.HANDLERS["getUser"]

    def writing_get_user(ctx: RequestContext) -> Reply:
        ctx.conn.execute(sa.insert(users_table).values(id="sneaky", name="S", email="s@x.com"))
        return original(ctx)

    monkeypatch.setitem(registry.HANDLERS, "getUser", writing_get_user)
    app = make_app(f"sqlite:///{tmp_path / 'sandbox.db'}")
    answer = signed_http(app).get("/management/v1/user/u1")
    assert answer.status_code == 500
    assert error_of(answer)["code"] == "EV_INTERNAL_SERVER_ERROR"
    with sandbox_of(app).engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(users_table)).scalar() == 0
