"""Write transactions on the app's event loop, for a SQLite file.

Handing a write to a worker thread and its answer back cost more than the write itself: the
loop wakes a thread, the answer comes back through the loop's self-pipe, and the two take turns
at the GIL. Under 16 concurrent writers it was worse: the writers waiting in the write lock each
held a thread, 16 threads took turns at the GIL with the loop, and the engine's pool (5
connections kept) made and closed a connection for most of them. SQLite runs one write
transaction at a time anyway, so the loop runs small writes itself, one after another: each
waits for the write lock (`write_lock.py`) as a coroutine, in the same arrival order as the
worker threads' writers (the batch worker, large bodies), and its transaction then runs
without waiting. It commits before its answer is sent, as every write does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy.engine import Connection, Engine

from .storage import HeldConnections
from .write_lock import LockingConnection


class LoopWrites:
    """Write transactions on a SQLite engine of `storage.create_engine`, for coroutines on an
    asyncio loop, each thread (in practice, each loop) keeping one connection for them."""

    def __init__(self, engine: Engine) -> None:
        self._connections = HeldConnections(engine)

    async def begin(self) -> AbstractContextManager[Connection]:
        """A write transaction on this thread's connection, once the write lock is this
        one's: enter what it returns at once, before anything else runs on the loop (the
        transaction must not await anything either: the connection serves the next one)."""
        conn = self._connections.connection()
        driver = conn.connection.driver_connection
        assert isinstance(driver, LockingConnection)  # storage.create_engine's connections
        await driver.take_lock()
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
