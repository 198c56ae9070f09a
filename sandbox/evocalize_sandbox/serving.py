"""How `evocalize sandbox` serves connections: uvicorn's protocol (httptools when installed, as
the sandbox extra does, else h11), plus what it leaves open.

uvicorn times out only an idle kept-alive connection, and only between requests: a connection
that sends nothing, or drips its headers a byte at a time (slowloris), stays open for ever, and
each one costs a socket and memory. Here a connection must send a request's headers within the
read timeout, or is closed; past the connection limit a new connection is closed at once. (A body
that stops arriving is the app's to refuse: `request_bodies`.)
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .settings import MAX_CONNECTIONS, READ_TIMEOUT_SECONDS

logger = logging.getLogger(__name__)
# Seconds an idle kept-alive connection stays open between requests (uvicorn's own setting).
KEEP_ALIVE_SECONDS = 5
# The limits, "READ_TIMEOUT,MAX_CONNECTIONS": in the environment rather than on the class, so
# that the server processes of `--workers N` (spawned, importing this module afresh) get them.
LIMITS_VARIABLE = "EVOCALIZE_SANDBOX_CONNECTION_LIMITS"


def _limits() -> tuple[float, int]:
    given = os.environ.get(LIMITS_VARIABLE)
    if not given:
        return READ_TIMEOUT_SECONDS, MAX_CONNECTIONS
    read_timeout, max_connections = given.split(",")
    return float(read_timeout), int(max_connections)


class _BoundedConnection:
    """The deadline for a request's headers and the connection limit, over either protocol;
    `_headers_in` says whether the current request's headers have all arrived."""

    connections: set[Any]
    transport: asyncio.Transport
    loop: asyncio.AbstractEventLoop

    def _bound(self) -> bool:
        """False when the connection is one too many (and closed)."""
        self.read_timeout, max_connections = _limits()
        self._headers_deadline: asyncio.TimerHandle | None = None
        if len(self.connections) > max_connections:
            logger.info("closed a connection over the limit of %d", max_connections)
            self.transport.close()
            return False
        return True

    def _headers_in(self) -> bool:
        raise NotImplementedError

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
        if not self.transport.is_closing() and not self._headers_in():
            logger.info("closed a connection that sent no request within %g s", self.read_timeout)
            self.transport.close()


class BoundedH11Protocol(_BoundedConnection, H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if self._bound():
            self._await_headers()

    def _headers_in(self) -> bool:
        import h11

        return self.conn.their_state is not h11.IDLE

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._headers_in():
            self._cancel_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # uvicorn's keep-alive timer stops at the first byte of the next request: the deadline
        # for its headers runs on.
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        super().connection_lost(exc)


def _httptools_protocol() -> type[asyncio.Protocol] | None:
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # httptools is not installed: h11 serves
        return None

    class BoundedHttpToolsProtocol(_BoundedConnection, HttpToolsProtocol):
        _headers_complete = False

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if self._bound():
                self._await_headers()

        def _headers_in(self) -> bool:
            return self._headers_complete

        def on_headers_complete(self) -> None:
            self._headers_complete = True
            self._cancel_deadline()
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._headers_complete = False
            self._await_headers()

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_deadline()
            super().connection_lost(exc)

    # Found by this name at the module's top level (pickled for spawned server processes).
    BoundedHttpToolsProtocol.__qualname__ = BoundedHttpToolsProtocol.__name__
    return BoundedHttpToolsProtocol


# Module-level, so that spawned server processes find them by name.
BoundedHttpToolsProtocol = _httptools_protocol()


def uvicorn_options(read_timeout: float, max_connections: int) -> dict[str, Any]:
    """The options of `uvicorn.run` that bound connections."""
    os.environ[LIMITS_VARIABLE] = f"{read_timeout},{max_connections}"
    protocol = BoundedHttpToolsProtocol or BoundedH11Protocol
    return {"http": protocol, "timeout_keep_alive": KEEP_ALIVE_SECONDS}
