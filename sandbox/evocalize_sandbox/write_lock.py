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
worker's groups included: every write goes through the engine. The app's event loop, which runs
small writes itself (`loop_writes.py`), takes them beforehand with `LockingConnection.take_lock`,
queueing in the same arrival order without blocking the loop.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from collections import deque
from typing import Any

import anyio.to_thread
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

try:
    import fcntl
except ImportError:  # Windows: processes fall back to SQLite's busy handler
    fcntl = None  # type: ignore[assignment]


class FifoLock:
    """A lock granted in the order it was asked for: `release` hands it to the longest
    waiting thread or coroutine directly, so one that releases and asks again goes behind the
    others (threading.Lock lets a thread take the lock straight back)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiting: deque[_ThreadWaiter | _LoopWaiter] = deque()
        self._held = False

    def acquire(self) -> None:
        with self._mutex:
            if not self._held:
                self._held = True
                return
            waiter = _ThreadWaiter()
            self._waiting.append(waiter)
        waiter.wait()

    async def acquire_async(self) -> None:
        """`acquire` for a coroutine on an asyncio loop: it waits without blocking the loop
        (and takes a free lock without waiting at all)."""
        with self._mutex:
            if not self._held:
                self._held = True
                return
            waiter = _LoopWaiter(asyncio.get_running_loop())
            self._waiting.append(waiter)
        try:
            await waiter.granted
        except BaseException:
            with self._mutex:
                if waiter in self._waiting:  # never granted
                    self._waiting.remove(waiter)
                    raise
            self.release()  # granted meanwhile: handed on
            raise

    def release(self) -> None:
        with self._mutex:
            while self._waiting:
                if self._waiting.popleft().wake():
                    return  # still held, by the next one now
            self._held = False


class _ThreadWaiter:
    def __init__(self) -> None:
        self._turn = threading.Lock()
        self._turn.acquire()

    def wait(self) -> None:
        self._turn.acquire()  # released by the holder that hands the lock over

    def wake(self) -> bool:
        self._turn.release()
        return True


class _LoopWaiter:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.granted: asyncio.Future[None] = loop.create_future()

    def wake(self) -> bool:
        """False when its loop has closed: nobody waits there any more."""
        try:
            self._loop.call_soon_threadsafe(self._grant)
        except RuntimeError:
            return False
        return True

    def _grant(self) -> None:
        if not self.granted.done():  # a cancelled waiter hands the lock on itself
            self.granted.set_result(None)


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

    async def acquire_async(self) -> None:
        """`acquire` for a coroutine on an asyncio loop, which it never blocks: another
        process's hold of the file is waited for on a worker thread."""
        await self._threads.acquire_async()
        if self._file is None:
            return
        try:
            try:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                await anyio.to_thread.run_sync(fcntl.flock, self._file.fileno(), fcntl.LOCK_EX)
        except BaseException:
            # Cancelled once the thread took it, perhaps: unlocking a free flock does nothing.
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._threads.release()
            raise

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
    # Taken by `take_lock` for the next `begin`.
    _taken = False

    async def take_lock(self) -> None:
        """Takes the write lock for the next transaction's `begin`, waiting for it on the
        running asyncio loop without blocking it. Whoever took it begins a transaction at once
        (before anything else runs on the loop) and calls `give_back_untaken` once that ended:
        it gives the lock back if `begin` never used it, when something failed first."""
        if self._holding or self._taken:
            raise RuntimeError("the write lock is already held for this connection")
        await self._lock().acquire_async()
        self._taken = True

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
