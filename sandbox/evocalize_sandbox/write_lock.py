"""SQLite's one write lock, waited for in arrival order instead of in SQLite's busy handler.

A writer that finds the database locked sleeps in SQLite's busy handler (up to 100 ms between
tries) and so misses most of the moments the lock is free: under 16 concurrent writers a few
waited half a second while others went through at once. Here each write transaction first
queues on a lock of the process, granted first come first served and handed straight to the
next writer at the commit (`FifoLock`), then on an advisory lock of a file beside the database
(`flock`, where the platform has it), which the kernel grants the moment the holder lets go, so
that the processes of `evocalize sandbox --workers N` queue the same way. Only then does
`BEGIN IMMEDIATE` run, and it finds SQLite's lock free.

The locks are taken in the engine's `begin` event and given back when the transaction ends,
however it ends (commit, rollback, a failed BEGIN or COMMIT, a closed connection), the batch
worker's groups included: every write goes through the engine. A writer that must not wait
(the app's event loop, see `LockingConnection.take_lock_if_free`) takes them beforehand only if
nobody holds or waits for them, and goes to the queue of a worker thread otherwise.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import deque
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

try:
    import fcntl
except ImportError:  # Windows: processes fall back to SQLite's busy handler
    fcntl = None  # type: ignore[assignment]


class FifoLock:
    """A lock granted in the order it was asked for: `release` hands it to the longest
    waiting thread directly, so a thread that releases and asks again goes behind the others
    (threading.Lock lets it take the lock straight back)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiting: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self) -> None:
        with self._mutex:
            if not self._held:
                self._held = True
                return
            turn = threading.Lock()
            turn.acquire()
            self._waiting.append(turn)
        turn.acquire()  # released by the holder that hands the lock over

    def try_acquire(self) -> bool:
        """Takes the lock if it is free, without waiting; never ahead of a waiting thread (a
        lock with waiters is still held: `release` hands it over)."""
        with self._mutex:
            if self._held:
                return False
            self._held = True
            return True

    def release(self) -> None:
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().release()  # still held, by the next one now
            else:
                self._held = False


class WriteLock:
    """The write lock of one SQLite database for this process: a `FifoLock` and, for a file
    database where `fcntl` exists, an exclusive `flock` of `<database>-writelock`."""

    def __init__(self, database: str | None) -> None:
        self._threads = FifoLock()
        self._file: Any = None
        if fcntl is not None and database and database != ":memory:":
            # Owner-only, like the database beside it (storage.py).
            descriptor = os.open(f"{database}-writelock", os.O_CREAT | os.O_RDWR, 0o600)
            self._file = os.fdopen(descriptor, "r+b")

    def acquire(self) -> None:
        self._threads.acquire()
        if self._file is not None:
            try:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX)
            except BaseException:
                self._threads.release()
                raise

    def try_acquire(self) -> bool:
        """Takes both locks if both are free at once; otherwise takes neither."""
        if not self._threads.try_acquire():
            return False
        if self._file is not None:
            try:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._threads.release()
                return False
            except BaseException:
                self._threads.release()
                raise
        return True

    def release(self) -> None:
        try:
            if self._file is not None:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        finally:
            self._threads.release()


class LockingConnection(sqlite3.Connection):
    """A sqlite3 connection (`sqlite3.connect(factory=...)`) whose write transactions hold a
    `WriteLock` from `begin` until the driver's COMMIT or ROLLBACK has run, however the
    transaction ends: SQLAlchemy's commit and rollback, and the rollback its pool runs on a
    connection given back in a transaction, all come here. A COMMIT that fails keeps the lock
    until the rollback that follows it."""

    write_lock: WriteLock | None = None
    _holding = False
    # Taken by `take_lock_if_free` for the next `begin`.
    _taken = False

    def take_lock_if_free(self) -> bool:
        """Takes the write lock now for the next transaction's `begin`, if nobody holds or waits
        for it; False, taking nothing, otherwise. Whoever got True begins a transaction next,
        and calls `give_back_untaken` once it ended (which gives the lock back if `begin` never
        used it, when something failed before)."""
        if self._holding or self._taken:
            raise RuntimeError("the write lock is already held for this connection")
        self._taken = self._lock().try_acquire()
        return self._taken

    def give_back_untaken(self) -> None:
        if self._taken:
            self._taken = False
            self._lock().release()

    def begin(self, statement: str) -> None:
        lock = self._lock()
        if self._taken:
            self._taken = False
        else:
            lock.acquire()
        try:
            self.execute(statement)
        except BaseException:
            lock.release()
            raise
        self._holding = True

    def commit(self) -> None:
        super().commit()
        self._release()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.give_back_untaken()  # the pool's reset of a connection given back
            self._release()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.give_back_untaken()
            self._release()

    def _lock(self) -> WriteLock:
        if self.write_lock is None:
            raise RuntimeError("a LockingConnection needs its write_lock set")
        return self.write_lock

    def _release(self) -> None:
        if self._holding and self.write_lock is not None:
            self._holding = False
            self.write_lock.release()


def serialize_writes(engine: Engine, begin_statement: str) -> None:
    """Makes every transaction of `engine` (SQLite, connecting with `LockingConnection` as the
    factory) take one `WriteLock` and then run `begin_statement`."""
    lock = WriteLock(engine.url.database)

    @event.listens_for(engine, "connect")
    def _share_lock(dbapi_connection: LockingConnection, _record: Any) -> None:
        dbapi_connection.write_lock = lock

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # Straight to the driver: this runs on every request, and SQLAlchemy's execution
        # path (events, result set-up) would cost more than the statement itself.
        driver = connection.connection.driver_connection
        assert isinstance(driver, LockingConnection)
        driver.begin(begin_statement)
