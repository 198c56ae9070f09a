"""Requests go before background batch work.

SQLite gives its write lock to whichever connection retries first, and the batch worker, which
commits once per entry and begins the next at once, wins nearly every time: a request could
wait seconds behind a 1000-entry batch (measured: 1 s on average, 3 s at worst, behind 600
entries). So requests announce themselves, and the worker waits for a moment without any
before each entry; the wait is bounded, so a steady stream of requests slows batches down
but never stops them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class RequestsFirst:
    """Counts the requests in progress; the worker waits for none before each entry."""

    def __init__(self, max_wait_seconds: float = 1.0) -> None:
        self.max_wait_seconds = max_wait_seconds
        self._idle = threading.Condition()
        self._active = 0

    def __repr__(self) -> str:
        return f"RequestsFirst(active={self._active})"

    @contextmanager
    def request(self) -> Iterator[None]:
        with self._idle:
            self._active += 1
        try:
            yield
        finally:
            with self._idle:
                self._active -= 1
                if self._active == 0:
                    self._idle.notify_all()

    def wait_for_no_requests(self) -> bool:
        """Waits until no request is in progress, at most `max_wait_seconds`; whether none is."""
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, self.max_wait_seconds)
