"""A small write on a SQLite file runs on the app's event loop when SQLite's write lock is free,
and waits on a worker thread, without holding up the loop, when another writer has it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from evocalize_sandbox import registry
from evocalize_sandbox.context import Reply, RequestContext
from evocalize_sandbox.resources.users import users_table
from evocalize_sandbox.storage import create_engine
from evocalize_sandbox.write_lock import FifoLock, WriteLock
from sandbox_support import BASE_URL, make_app, sandbox_of, signing_auth
from starlette.testclient import TestClient

# Generous: only a lock that is never given back, or a blocked loop, would take this long.
STUCK_SECONDS = 30
USER = {"id": "u1", "name": "One", "email": "one@example.com"}


def served(app: Any) -> TestClient:
    http = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    http.auth = signing_auth()
    return http


def recording_threads(monkeypatch: pytest.MonkeyPatch, *operations: str) -> dict[str, str]:
    """The name of the thread each of `operations` was last answered on."""
    threads: dict[str, str] = {}
    for operation in operations:
        original = registry.HANDLERS[operation]

        def recorded(
            ctx: RequestContext, operation: str = operation, original: registry.Handler = original
        ) -> Reply:
            threads[operation] = threading.current_thread().name
            return original(ctx)

        monkeypatch.setitem(registry.HANDLERS, operation, recorded)
    return threads


def test_a_small_write_runs_on_the_event_loop_when_the_write_lock_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = recording_threads(monkeypatch, "createOrUpdateUser", "getUser")
    app = make_app(f"sqlite:///{tmp_path / 'sandbox.db'}")
    with served(app) as http:
        written = http.post("/management/v1/user", json=USER)
        read = http.get("/management/v1/user/u1")
    assert written.status_code == 201, written.text
    assert read.json()["data"]["name"] == "One"
    # Reads run on the event loop (test_sandbox_reads.py); the write ran on the same thread.
    assert threads["createOrUpdateUser"] == threads["getUser"]
    # Committed: another connection sees it.
    with sandbox_of(app).engine.connect() as conn:
        assert conn.scalar(sa.select(users_table.c.name).where(users_table.c.id == "u1")) == "One"


def test_a_write_waits_off_the_event_loop_while_another_writer_holds_the_lock(
    tmp_path: Path,
) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'sandbox.db'}")
    engine = sandbox_of(app).engine
    with served(app) as http:
        assert http.post("/management/v1/user", json=USER).status_code == 201
        answers: dict[str, Any] = {}
        with engine.begin() as holder:  # holds the write lock until the block ends
            holder.execute(sa.update(users_table).values(name="Held"))
            writer = threading.Thread(
                target=lambda: answers.update(
                    written=http.post("/management/v1/user", json={**USER, "name": "Waited"})
                )
            )
            writer.start()
            writer.join(0.3)  # long enough for the write to reach the lock
            # The loop still answers while the write waits for the lock.
            read = http.get("/management/v1/user/u1")
            assert read.status_code == 200
            assert read.json()["data"]["name"] == "One"
            assert "written" not in answers, "the write did not wait for the lock"
        writer.join(STUCK_SECONDS)
        assert answers["written"].status_code == 201, answers["written"].text
        # It ran after the holder committed, and saw its write.
        assert http.get("/management/v1/user/u1").json()["data"]["name"] == "Waited"


def test_the_fifo_lock_is_not_taken_without_waiting_ahead_of_a_waiting_thread() -> None:
    lock = FifoLock()
    assert lock.try_acquire()
    assert not lock.try_acquire()
    taken = threading.Event()

    def wait_then_take() -> None:
        lock.acquire()
        taken.set()

    waiter = threading.Thread(target=wait_then_take)
    waiter.start()
    while not lock._waiting:
        threading.Event().wait(0.001)
    lock.release()  # handed to the waiting thread, which now holds it
    assert taken.wait(STUCK_SECONDS)
    assert not lock.try_acquire()
    lock.release()
    assert lock.try_acquire()
    waiter.join(STUCK_SECONDS)


def test_the_write_lock_is_not_taken_while_another_process_holds_its_file(
    tmp_path: Path,
) -> None:
    # Two WriteLocks of one database open the lock file twice: to flock, as two processes.
    database = str(tmp_path / "sandbox.db")
    ours, theirs = WriteLock(database), WriteLock(database)
    theirs.acquire()
    assert not ours.try_acquire()
    theirs.release()
    # The failed try gave back what it had taken (the lock of the threads of this process).
    assert ours.try_acquire()
    assert not theirs.try_acquire()
    ours.release()


def test_a_lock_taken_for_a_transaction_that_never_began_is_given_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sandbox.db'}"
    engine = sandbox_of(make_app(url)).engine
    conn = engine.connect()
    assert conn.connection.driver_connection.take_lock_if_free()  # type: ignore[union-attr]
    conn.close()  # back to the pool, which keeps the SQLite connection open
    # Another process's writer (another engine opens the lock file again) needs the lock.
    other_process = create_engine(url)
    finished = threading.Event()

    def write() -> None:
        with other_process.begin() as other:
            other.execute(sa.insert(users_table).values(organization="o", **USER))
        finished.set()

    threading.Thread(target=write, daemon=True).start()
    assert finished.wait(STUCK_SECONDS), "the write lock taken was never given back"
