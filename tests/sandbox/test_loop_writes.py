"""A small write on a SQLite file runs on the app's event loop: it waits for SQLite's write lock
as a coroutine, in arrival order with the writers of worker threads, without holding up the
loop."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import anyio
import pytest
import sqlalchemy as sa
from evocalize_sandbox import registry
from evocalize_sandbox.app import create_app
from evocalize_sandbox.context import Reply, RequestContext
from evocalize_sandbox.resources.users import users_table
from evocalize_sandbox.settings import Settings
from evocalize_sandbox.storage import create_engine
from evocalize_sandbox.write_lock import FifoLock, WriteLock
from sandbox_support import BASE_URL, KEY_ID, SECRET, make_app, sandbox_of, signing_auth
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


def test_coroutines_and_threads_are_granted_the_fifo_lock_in_arrival_order() -> None:
    lock = FifoLock()
    lock.acquire()
    order: list[str] = []

    def thread_takes(name: str) -> threading.Thread:
        def take() -> None:
            lock.acquire()
            order.append(name)
            lock.release()

        thread = threading.Thread(target=take)
        thread.start()
        return thread

    async def scenario() -> None:
        async def coroutine_takes(name: str) -> None:
            await lock.acquire_async()
            order.append(name)
            lock.release()

        async with anyio.create_task_group() as tasks:
            queued = [thread_takes("thread 1")]
            await wait_until_queued(lock, 1)
            tasks.start_soon(coroutine_takes, "coroutine 2")
            await wait_until_queued(lock, 2)
            queued.append(thread_takes("thread 3"))
            await wait_until_queued(lock, 3)
            tasks.start_soon(coroutine_takes, "coroutine 4")
            await wait_until_queued(lock, 4)
            lock.release()
        for thread in queued:
            thread.join(STUCK_SECONDS)

    anyio.run(scenario)
    assert order == ["thread 1", "coroutine 2", "thread 3", "coroutine 4"]


async def wait_until_queued(lock: FifoLock, waiting: int) -> None:
    with anyio.fail_after(STUCK_SECONDS):
        while len(lock._waiting) < waiting:
            await anyio.sleep(0.001)


def test_a_cancelled_coroutine_gives_up_its_turn_or_hands_the_lock_on() -> None:
    lock = FifoLock()

    async def scenario() -> None:
        lock.acquire()
        # Cancelled while waiting: it leaves the queue.
        with anyio.move_on_after(0.01):
            await lock.acquire_async()
        assert not lock._waiting
        # Granted, then cancelled before it ran: it hands the lock on rather than keep it.
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(lock.acquire_async)
            await wait_until_queued(lock, 1)
            lock.release()  # granted, to be resumed by the loop
            tasks.cancel_scope.cancel()
        with anyio.fail_after(STUCK_SECONDS):
            await lock.acquire_async()
        lock.release()

    anyio.run(scenario)


def test_the_loop_waits_for_another_process_holding_the_write_lock_without_blocking(
    tmp_path: Path,
) -> None:
    # Two WriteLocks of one database open the lock file twice: to flock, as two processes.
    database = str(tmp_path / "sandbox.db")
    ours, theirs = WriteLock(database), WriteLock(database)
    theirs.acquire()
    events: list[str] = []

    async def scenario() -> None:
        async def take() -> None:
            await ours.acquire_async()
            events.append("taken")
            ours.release()

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(take)
            await anyio.sleep(0.2)
            events.append("loop ran meanwhile")  # the loop was not blocked
            theirs.release()

    anyio.run(scenario)
    assert events == ["loop ran meanwhile", "taken"]
    theirs.acquire()  # given back
    theirs.release()


def test_a_lock_taken_for_a_transaction_that_never_began_is_given_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sandbox.db'}"
    engine = sandbox_of(make_app(url)).engine
    conn = engine.connect()
    anyio.run(conn.connection.driver_connection.take_lock)  # type: ignore[union-attr]
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


def test_a_small_batch_written_on_the_loop_wakes_the_batch_worker(tmp_path: Path) -> None:
    # Far longer than the test waits: the batch is applied because the API woke the worker.
    settings = Settings(worker_poll_seconds=600.0)
    app = create_app(
        database_url=f"sqlite:///{tmp_path / 'sandbox.db'}",
        clients={KEY_ID: SECRET},
        settings=settings,
    )
    with served(app) as http:
        http.get("/management/v1/users")  # the worker's first pass is done, it now waits
        accepted = http.post("/management/v1/users", json=[USER])
        assert accepted.status_code == 202, accepted.text
        report = f"/management/v1/items/report/{accepted.json()['data']['reportId']}"
        deadline = time.monotonic() + STUCK_SECONDS
        while not (data := http.get(report).json()["data"])["isCompleted"]:
            assert time.monotonic() < deadline, f"the batch was not applied: {data}"
            time.sleep(0.02)
    assert data["successfulItems"] == 1
