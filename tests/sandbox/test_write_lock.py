"""SQLite writers wait for each other in the sandbox's write lock, in arrival order, not in
SQLite's busy handler, and the lock is given back however a transaction ends.

The engines here have SQLite's busy timeout set to 0: a write that found the database locked
would fail at once with "database is locked", so every write that succeeds proves it waited
in the lock instead."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from evocalize_sandbox.storage import create_engine
from evocalize_sandbox.write_lock import FifoLock
from sqlalchemy import event
from sqlalchemy.engine import Engine

# Generous: only a lock that is never given back would take this long.
STUCK_SECONDS = 30


def engine_without_busy_wait(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path / 'writes.db'}")

    @event.listens_for(engine, "connect")
    def _no_busy_handler(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout = 0")

    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE writes (writer TEXT)")
    return engine


def in_thread(work: Callable[[], None]) -> tuple[threading.Thread, list[BaseException]]:
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, failures


def write(engine: Engine, writer: str) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO writes VALUES (?)", (writer,))


def test_a_writer_waits_for_the_one_holding_the_database(tmp_path: Path) -> None:
    engine = engine_without_busy_wait(tmp_path)
    holding, go_on = threading.Event(), threading.Event()

    def slow_writer() -> None:
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO writes VALUES ('first')")
            holding.set()
            go_on.wait(STUCK_SECONDS)

    first, first_failures = in_thread(slow_writer)
    assert holding.wait(STUCK_SECONDS)
    second, second_failures = in_thread(lambda: write(engine, "second"))
    # Long enough for the second writer to reach its BEGIN while the first holds the database.
    second.join(0.3)
    go_on.set()
    first.join(STUCK_SECONDS)
    second.join(STUCK_SECONDS)
    assert not first_failures and not second_failures, first_failures + second_failures
    with engine.connect() as conn:
        written = [row[0] for row in conn.exec_driver_sql("SELECT writer FROM writes")]
    assert written == ["first", "second"]


def failed_statement(engine: Engine) -> None:
    with pytest.raises(sa.exc.OperationalError), engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO writes VALUES ('undone')")
        conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")


def raised_in_block(engine: Engine) -> None:
    with pytest.raises(ValueError), engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO writes VALUES ('undone')")
        raise ValueError("the handler failed")


def closed_without_commit(engine: Engine) -> None:
    conn = engine.connect()
    conn.begin()
    conn.exec_driver_sql("INSERT INTO writes VALUES ('undone')")
    conn.close()


def explicit_rollback(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.begin()
        conn.exec_driver_sql("INSERT INTO writes VALUES ('undone')")
        conn.rollback()


def failed_commit(engine: Engine) -> None:
    # A deferred foreign key fails at COMMIT, not at the INSERT.
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE parents (id INTEGER PRIMARY KEY)")
        conn.exec_driver_sql(
            "CREATE TABLE children (parent INTEGER "
            "REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)"
        )
    with engine.connect() as conn:
        # Outside a transaction, where the pragma takes effect.
        conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
        with pytest.raises(sa.exc.IntegrityError), conn.begin():
            conn.exec_driver_sql("INSERT INTO writes VALUES ('undone')")
            conn.exec_driver_sql("INSERT INTO children VALUES (42)")


@pytest.mark.parametrize(
    "ending",
    [failed_statement, raised_in_block, closed_without_commit, explicit_rollback, failed_commit],
)
def test_the_lock_is_given_back_however_a_transaction_ends(
    tmp_path: Path, ending: Callable[[Engine], None]
) -> None:
    engine = engine_without_busy_wait(tmp_path)
    ending(engine)
    # From another thread, so that a lock still held would block it rather than be re-taken.
    thread, failures = in_thread(lambda: write(engine, "after"))
    thread.join(STUCK_SECONDS)
    assert not thread.is_alive(), f"the write lock was not given back after {ending.__name__}"
    assert not failures, failures
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM writes WHERE writer = 'undone'")) == 0


def test_the_fifo_lock_is_granted_in_arrival_order() -> None:
    lock = FifoLock()
    lock.acquire()
    order: list[int] = []
    queued = threading.Semaphore(0)
    threads = []
    for number in range(5):

        def take(number: int = number) -> None:
            queued.release()
            lock.acquire()
            order.append(number)
            lock.release()

        thread = threading.Thread(target=take)
        thread.start()
        threads.append(thread)
        assert queued.acquire(timeout=STUCK_SECONDS)
        # Until this one waits in the lock, the next one may not start.
        while len(lock._waiting) <= number:
            threading.Event().wait(0.001)
    lock.release()
    for thread in threads:
        thread.join(STUCK_SECONDS)
    assert order == [0, 1, 2, 3, 4]
