"""An overall deadline per call: connecting, sending, the answer's headers and body, and every
retry with its pauses, all within one number of seconds.

httpx's `timeout` bounds each network wait on its own, so a server that drips a byte a second
holds a call for ever without one wait ever timing out. A deadline is a point in (monotonic)
time kept in a `ContextVar` for the call's thread or task; `DeadlineBackend` (the network layer
under httpx's own transports) caps every connect, read and write at the time that remains, and
the retry transport gives up rather than pause past it. A call that runs out raises
`DeadlineExceededError`.

`with deadline(5): ...` sets one for the calls inside the block (an inner block can only
shorten it); the clients set their `deadline=` on each call, and a generated method takes
`deadline=` for one call.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import ssl
import time
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import httpcore
import httpx

__all__ = [
    "DEFAULT_DEADLINE",
    "AsyncDeadlineBackend",
    "DeadlineBackend",
    "deadline",
    "deadline_passed",
    "install_deadlines",
    "remaining",
]

# Long enough for any answer of the API and a few retries over a slow link; an audience upload
# of gigabytes passes its own (or `math.inf`).
DEFAULT_DEADLINE = 300.0

_ends_at: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "evocalize_deadline", default=None
)


def remaining() -> float | None:
    """Seconds left before the current deadline (0 or less once it passed), None without one."""
    ends_at = _ends_at.get()
    return None if ends_at is None else ends_at - time.monotonic()


def deadline_passed() -> bool:
    left = remaining()
    return left is not None and left <= 0


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Within this block, every call ends within `seconds` (None or `math.inf`: no deadline of
    its own; an enclosing block's still holds)."""
    if seconds is None or math.isinf(seconds):
        yield
        return
    if seconds < 0 or math.isnan(seconds):
        raise ValueError(f"a deadline is a number of seconds, not {seconds!r}")
    ends_at = time.monotonic() + seconds
    outer = _ends_at.get()
    token = _ends_at.set(ends_at if outer is None else min(outer, ends_at))
    try:
        yield
    finally:
        _ends_at.reset(token)


def _capped(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` no longer than what remains of the deadline; `error` once it passed."""
    left = remaining()
    if left is None:
        return timeout
    if left <= 0:
        raise error("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, capped))

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """The network under httpx's `HTTPTransport`, each wait capped at the deadline's remainder."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self.backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        stream = self.backend.connect_tcp(host, port, capped, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self.backend.connect_unix_socket(path, capped, socket_options))

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)


class _AsyncDeadlineStream(httpcore.AsyncNetworkStream):
    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self.stream = stream

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self.stream.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self.stream.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self.stream.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        upgraded = await self.stream.start_tls(ssl_context, server_hostname, capped)
        return _AsyncDeadlineStream(upgraded)

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class AsyncDeadlineBackend(httpcore.AsyncNetworkBackend):
    """The async twin of `DeadlineBackend`, under httpx's `AsyncHTTPTransport`."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self.backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        stream = await self.backend.connect_tcp(host, port, capped, local_address, socket_options)
        return _AsyncDeadlineStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        stream = await self.backend.connect_unix_socket(path, capped, socket_options)
        return _AsyncDeadlineStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self.backend.sleep(seconds)


Transport = TypeVar("Transport", httpx.BaseTransport, httpx.AsyncBaseTransport)


def install_deadlines(transport: Transport) -> Transport:
    """`transport` with its network waits capped by the deadline, when it is one of httpx's own
    (its connection pool holds the network backend; httpx has no public way to pass one). Any
    other transport (a test's `MockTransport`) is returned as it is: the deadline then still
    bounds the retries, and is checked when an attempt ends."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(transport, httpx.HTTPTransport) and isinstance(backend, httpcore.NetworkBackend):
        pool._network_backend = DeadlineBackend(backend)  # type: ignore[union-attr]
    elif isinstance(transport, httpx.AsyncHTTPTransport) and isinstance(
        backend, httpcore.AsyncNetworkBackend
    ):
        pool._network_backend = AsyncDeadlineBackend(backend)  # type: ignore[union-attr]
    return transport
