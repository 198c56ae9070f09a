"""Write transactions on the app's event loop, for a SQLite file, when its write lock is free.

Handing a write to a worker thread and its answer back costs more than the write itself: the
loop wakes a thread, the two then take turns at the GIL (each turn can cost up to its 5 ms
switch interval while the other runs), and the answer comes back through the loop's self-pipe.
Under 16 concurrent writers, the threads also outnumbered the engine's pool (5 connections kept,
10 more made and closed again per use). Yet SQLite runs one write transaction at a time, so the
loop can run a small write itself: it takes SQLite's write lock (`write_lock.py`) only if
nobody holds or waits for it, and the transaction then never waits; otherwise the write goes to
a worker thread and waits there, in arrival order, as before. Either way it commits before its
answer is sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy.engine import Connection, Engine

from .storage import HeldConnections
from .write_lock import LockingConnection


class LoopWrites:
    """Write transactions on a SQLite engine of `storage.create_engine`, each thread (in
    practice, each event loop) keeping one connection for them."""

    def __init__(self, engine: Engine) -> None:
        self._connections = HeldConnections(engine)

    def begin_if_free(self) -> AbstractContextManager[Connection] | None:
        """A write transaction that holds the write lock at once, on this thread's connection,
        or None when another writer holds or waits for the lock. Enter what it returns at
        once: it holds the lock already."""
        conn = self._connections.connection()
        driver = conn.connection.driver_connection
        assert isinstance(driver, LockingConnection)  # storage.create_engine's connections
        if not driver.take_lock_if_free():
            return None
        return _begun(conn, driver)

    def close(self) -> None:
        """Gives every held connection back (the app's shutdown)."""
        self._connections.close()


@contextmanager
def _begun(conn: Connection, driver: LockingConnection) -> Iterator[Connection]:
    try:
        with conn.begin():  # `begin` uses the lock taken, and the end of the transaction frees it
            yield conn
    finally:
        driver.give_back_untaken()  # when the transaction failed to begin
