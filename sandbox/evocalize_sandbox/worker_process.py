"""The batch worker in a process of its own, beside the process that serves the API.

In one process the worker and the API share one interpreter lock: while the worker applied a
batch, the API's parsing and checking of the next one waited, and end to end a batch ingest
ran at half the worker's own rate. In its own process the worker applies on one core while the
API accepts on the other. Nothing else changes: the database is the only thing they share, the
worker claims reports with the leases that already keep processes apart (batches.py), and on
SQLite it queues for the write lock across processes (write_lock.py).

The two talk through a pipe, which neither side can leave locked by dying (a process killed
while it held a lock of `multiprocessing.Event` would hang the other's next `set`): the API
writes a byte when it has committed a batch, so the worker starts at once rather than at its
next poll; closing the pipe, or the serving process dying (which closes it too, so no orphan
keeps applying), stops the worker between two entries. `evocalize sandbox` uses it for a
database file or PostgreSQL in one process; an in-memory database, the test clock (which lives
in the serving process) and the `--workers N` processes keep the worker on a thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from dataclasses import replace
from typing import Any

from .settings import Settings

logger = logging.getLogger(__name__)

# How long the API's shutdown waits for the child to finish the entry under way.
STOP_SECONDS = 30.0


class WorkerProcess:
    """The child process applying batches on `database_url` (`start`, `notify`, `stop`)."""

    def __init__(self, database_url: str, settings: Settings) -> None:
        self._database_url = database_url
        # The child's own: no clock of the parent's, no faults (they act on HTTP answers).
        self._settings = replace(settings, run_worker=False, worker_process=False, faults=None)
        self._process: Any = None
        self._writer: Any = None
        self._gone = False

    def __repr__(self) -> str:  # the URL may hold a password
        return f"WorkerProcess(pid={self.pid})"

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        reader, self._writer = context.Pipe(duplex=False)
        # A wake-up never waits: with the pipe full, one is pending already.
        os.set_blocking(self._writer.fileno(), False)
        self._process = context.Process(
            target=_serve,
            args=(self._database_url, self._settings, reader, os.getpid()),
            name="evocalize-sandbox-batch-worker",
            daemon=True,
        )
        self._process.start()
        reader.close()  # the child's alone: its end of the pipe closes when the child ends

    def notify(self) -> None:
        """A batch was committed: the child starts on it now."""
        try:
            os.write(self._writer.fileno(), b"\0")
        except BlockingIOError:
            pass  # a wake-up is pending
        except OSError:
            if not self._gone:  # said once, not at every batch
                self._gone = True
                logger.warning("the batch worker process is gone; batches wait for a restart")

    def stop(self) -> None:
        """Tells the child to stop (between entries; the rest waits for the next start) and
        waits for it; one that does not stop in STOP_SECONDS is killed."""
        if self._process is None:
            return
        self._writer.close()
        self._process.join(STOP_SECONDS)
        if self._process.is_alive():
            logger.warning("the batch worker process did not stop in time; killing it")
            self._process.kill()  # what it did of its group rolls back
            self._process.join(STOP_SECONDS)


def _serve(database_url: str, settings: Settings, reader: Any, parent: int) -> None:
    """The child: applies pending batches whenever woken or polled, until its pipe closes."""
    from .app import Sandbox
    from .registry import check_every_operation_is_handled
    from .storage import create_engine

    # Ctrl-C in a terminal reaches the whole process group: the serving process stops this one
    # between two entries, where a KeyboardInterrupt would only print a traceback. (SIGTERM
    # ends it at once: a group cut short rolls back whole.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    check_every_operation_is_handled()  # registers the appliers
    sandbox = Sandbox(create_engine(database_url), settings)
    batches = sandbox.batches

    def listen() -> None:
        while True:
            try:
                woken = os.read(reader.fileno(), 4096)
            except OSError:
                woken = b""
            if not woken:  # closed: told to stop, or the serving process is gone
                batches.stopping.set()
                batches.accepted.set()
                return
            batches.accepted.set()

    threading.Thread(target=listen, daemon=True).start()
    try:
        sandbox.keep_applying(keep_going=lambda: os.getppid() == parent)
    finally:
        sandbox.close()
