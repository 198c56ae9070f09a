"""The sandbox in process: its ASGI app answering the sync and the async client alike, with no
socket, and with its lifespan (the batch worker) running, as under a server.

`httpx.ASGITransport` answers only async clients and runs no lifespan, so a batch sent through
it waited for a worker that never started, and the sync client could not use it at all. Here
the app runs on an event loop of its own, in a thread (anyio's blocking portal), where its
lifespan starts the batch worker; each transport hands its requests to that loop. An answer's
head comes back as soon as the app sends it and its body as it is sent, each part within the
request's read timeout, so a slow, late or lost answer (faults.py) reaches the client as it
would over the network: `httpx.ReadTimeout`, or `httpx.RemoteProtocolError` for a dropped
connection.

    with InProcessServer(app) as server:
        with Evocalize(URL, key_id, key, transport=server.transport()) as ev: ...
        async with AsyncEvocalize(URL, key_id, key, transport=server.async_transport()) as ev: ...
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager, ExitStack, suppress
from types import TracebackType
from typing import Any
from urllib.parse import unquote

import anyio
import anyio.from_thread
import anyio.to_thread
import httpx
from anyio.from_thread import BlockingPortal
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from starlette.applications import Starlette
from starlette.types import Message

from .faults import ConnectionDropped

__all__ = ["InProcessServer"]

# What httpx itself says when a server closes the connection early.
NO_ANSWER = "Server disconnected without sending a response."
CUT_SHORT = "peer closed connection without sending complete message body"


def _scope(request: httpx.Request) -> dict[str, Any]:
    """The ASGI scope of `request`, as httpx.ASGITransport builds it."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "headers": [(key.lower(), value) for key, value in request.headers.raw],
        "scheme": request.url.scheme,
        "path": unquote(request.url.path),
        "raw_path": request.url.raw_path.split(b"?")[0],
        "query_string": request.url.query,
        "server": (request.url.host, request.url.port),
        "client": ("127.0.0.1", 123),
        "root_path": "",
    }


def _read_timeout(request: httpx.Request) -> float | None:
    timeout: dict[str, float | None] = request.extensions.get("timeout", {})
    return timeout.get("read")


class _Exchange:
    """One request being answered on the server's loop; its messages are read from any
    thread, one at a time, each within the read timeout."""

    def __init__(self, portal: BlockingPortal, app: Starlette, request: httpx.Request) -> None:
        self._portal = portal
        self._timeout = _read_timeout(request)
        self._request = request
        sender, self._messages = portal.call(_message_stream)
        portal.start_task_soon(_answer, app, _scope(request), request.read(), sender)
        self.head_sent = False

    def next(self) -> Message | None:
        """The app's next message, None once it has sent all; raises what httpx would."""
        try:
            message: Message | None = self._portal.call(_receive, self._messages, self._timeout)
        except TimeoutError:
            self.close()
            raise httpx.ReadTimeout("timed out reading the answer", request=self._request) from None
        if message is not None and message["type"] == "error":
            self.close()
            error = message["error"]
            if isinstance(error, ConnectionDropped):
                reason = CUT_SHORT if self.head_sent else NO_ANSWER
                raise httpx.RemoteProtocolError(reason, request=self._request) from None
            raise error
        return message

    def response(self, stream: httpx.SyncByteStream | httpx.AsyncByteStream) -> httpx.Response:
        """The response, from the app's first message; its body will come from `stream`."""
        head = self.next()
        if head is None or head["type"] != "http.response.start":
            self.close()
            raise httpx.RemoteProtocolError(NO_ANSWER, request=self._request)
        self.head_sent = True
        return httpx.Response(head["status"], headers=head.get("headers", []), stream=stream)

    def body(self) -> Iterator[bytes]:
        while True:
            message = self.next()
            if message is None:
                self.close()
                raise httpx.RemoteProtocolError(CUT_SHORT, request=self._request)
            if message.get("body"):
                yield bytes(message["body"])
            if not message.get("more_body", False):
                return

    def close(self) -> None:
        self._portal.call(self._messages.aclose)


async def _message_stream() -> tuple[MemoryObjectSendStream[Message], Any]:
    return anyio.create_memory_object_stream[Message](math.inf)


async def _receive(
    messages: MemoryObjectReceiveStream[Message], timeout: float | None
) -> Message | None:
    try:
        with anyio.fail_after(timeout):
            return await messages.receive()
    except (anyio.EndOfStream, anyio.ClosedResourceError):
        return None


async def _answer(
    app: Starlette, scope: dict[str, Any], body: bytes, sender: MemoryObjectSendStream[Message]
) -> None:
    answered = anyio.Event()
    request_read = False

    async def receive() -> Message:
        nonlocal request_read
        if not request_read:
            request_read = True
            return {"type": "http.request", "body": body, "more_body": False}
        await answered.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            answered.set()
        # The client may have stopped listening (a timeout): as a server writing to a closed
        # socket, the app goes on.
        with suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):
            await sender.send(message)

    async with sender:
        try:
            await app(scope, receive, send)
        except Exception as error:
            with suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):
                await sender.send({"type": "error", "error": error})


class _SyncBody(httpx.SyncByteStream):
    def __init__(self, exchange: _Exchange) -> None:
        self._exchange = exchange

    def __iter__(self) -> Iterator[bytes]:
        yield from self._exchange.body()

    def close(self) -> None:
        self._exchange.close()


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, exchange: _Exchange) -> None:
        self._exchange = exchange

    async def __aiter__(self) -> AsyncIterator[bytes]:
        pieces = self._exchange.body()
        while True:
            piece = await anyio.to_thread.run_sync(next, pieces, None)
            if piece is None:
                return
            yield piece

    async def aclose(self) -> None:
        await anyio.to_thread.run_sync(self._exchange.close)


class _Transport(httpx.BaseTransport):
    def __init__(self, server: InProcessServer) -> None:
        self._server = server

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        exchange = _Exchange(self._server.portal, self._server.app, request)
        return exchange.response(_SyncBody(exchange))


class _AsyncTransport(httpx.AsyncBaseTransport):
    def __init__(self, server: InProcessServer) -> None:
        self._server = server

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # Read here, on the caller's loop: an async body cannot be read from another one.
        await request.aread()
        return await anyio.to_thread.run_sync(self._respond, request)

    def _respond(self, request: httpx.Request) -> httpx.Response:
        exchange = _Exchange(self._server.portal, self._server.app, request)
        return exchange.response(_AsyncBody(exchange))


class InProcessServer:
    """Serves `app` in process until closed (a context manager): its lifespan runs on a loop
    of its own, and `transport()` / `async_transport()` reach it from the sync and the async
    client."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self._stack = ExitStack()
        self._portal: BlockingPortal | None = None

    def __repr__(self) -> str:
        return f"InProcessServer(running={self._portal is not None})"

    @property
    def portal(self) -> BlockingPortal:
        if self._portal is None:
            raise RuntimeError("the in-process server is not running: start() it first")
        return self._portal

    def start(self) -> InProcessServer:
        try:
            portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())
            # Once the lifespan has ended: answers still under way (a fault's long latency)
            # are cancelled, as a server's are when it stops, rather than waited for.
            self._stack.callback(portal.call, portal.stop, True)
            lifespan: AbstractContextManager[Any] = portal.wrap_async_context_manager(
                self.app.router.lifespan_context(self.app)
            )
            self._stack.enter_context(lifespan)
        except BaseException:
            self._stack.close()
            raise
        self._portal = portal
        return self

    def close(self) -> None:
        self._portal = None
        self._stack.close()

    def __enter__(self) -> InProcessServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def transport(self) -> httpx.BaseTransport:
        """A transport for `Evocalize(transport=...)` (or any `httpx.Client`)."""
        return _Transport(self)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """A transport for `AsyncEvocalize(transport=...)` (or any `httpx.AsyncClient`)."""
        return _AsyncTransport(self)
