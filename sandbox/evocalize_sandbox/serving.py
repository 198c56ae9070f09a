"""How `evocalize sandbox` serves connections: uvicorn's h11 protocol, plus what it leaves open.

uvicorn times out only an idle kept-alive connection, and only between requests: a connection
that sends nothing, or drips its headers a byte at a time (slowloris), stays open for ever, and
each one costs a socket and memory. Here a connection must send a request's headers within the
read timeout, or is closed; past the connection limit a new connection is closed at once. (A body
that stops arriving is the app's to refuse: `request_bodies`.)
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .settings import MAX_CONNECTIONS, READ_TIMEOUT_SECONDS

logger = logging.getLogger(__name__)
# Seconds an idle kept-alive connection stays open between requests (uvicorn's own setting).
KEEP_ALIVE_SECONDS = 5


class _LimitedH11Protocol(H11Protocol):
    read_timeout: float = READ_TIMEOUT_SECONDS
    max_connections: int = MAX_CONNECTIONS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            logger.info("closed a connection over the limit of %d", self.max_connections)
            self.transport.close()
            return
        self._await_headers()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_deadline()  # a request's headers are in

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # uvicorn's keep-alive timer stops at the first byte of the next request: the deadline
        # for its headers runs on.
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        super().connection_lost(exc)

    def _await_headers(self) -> None:
        self._cancel_deadline()
        if not self.transport.is_closing():
            self._headers_deadline = self.loop.call_later(self.read_timeout, self._time_out)

    def _cancel_deadline(self) -> None:
        if self._headers_deadline is not None:
            self._headers_deadline.cancel()
            self._headers_deadline = None

    def _time_out(self) -> None:
        self._headers_deadline = None
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            logger.info("closed a connection that sent no request within %g s", self.read_timeout)
            self.transport.close()


def uvicorn_options(read_timeout: float, max_connections: int) -> dict[str, Any]:
    """The options of `uvicorn.run` that bound connections."""
    protocol = type(
        "SandboxH11Protocol",
        (_LimitedH11Protocol,),
        {"read_timeout": read_timeout, "max_connections": max_connections},
    )
    return {"http": protocol, "timeout_keep_alive": KEEP_ALIVE_SECONDS}
