"""Reading request bodies without trusting them: a body over the limit is refused (a 400, as the
spec documents no 413) as soon as its declared or streamed size passes the limit, and a signed
body is hashed as it streams, so that its signature is checked before anything parses it.

A JSON body (8 MiB at most) is kept in memory; a multipart upload (up to 256 MiB) goes to a
temporary file past its first MiB, so that concurrent large uploads, signed or not, do not grow
the process by their size. The form is parsed from that file once the signature matched.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import AsyncIterator, Callable, Collection, Mapping
from contextlib import asynccontextmanager
from typing import IO, Any, Protocol

import anyio
from python_multipart.multipart import parse_options_header
from starlette.datastructures import UploadFile
from starlette.requests import Request

from .errors import ApiError, malformed

# python-multipart logs a warning for each malformed part it meets; the sandbox already answers
# such a body with a 400 naming it, and the warnings would flood the output of a fuzz run.
logging.getLogger("python_multipart").setLevel(logging.ERROR)

# How much of an upload stays in memory before it spills to a temporary file.
SPOOL_IN_MEMORY_BYTES = 1024 * 1024
# How much of a spooled upload is handed to the form parser at a time.
REPLAY_CHUNK_BYTES = 64 * 1024


class BodyObserver(Protocol):
    """Sees every chunk of a body as it arrives (a `PendingSignature` hashing it)."""

    def update(self, chunk: bytes) -> None: ...


async def _receive(
    request: Request,
    limit: int,
    observer: BodyObserver | None,
    idle_seconds: float | None,
    keep: Callable[[bytes], object],
) -> None:
    """Hands each chunk of the body to `keep` as it arrives."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isascii() or not declared.isdigit():
            raise malformed("invalid Content-Length header")
        if int(declared) > limit:
            raise _too_large(limit)
    size = 0
    # A body that stops arriving (a slow client, or one holding the connection open) is refused
    # rather than waited for. One scope for the whole body, its deadline moved on at each
    # chunk: a scope per chunk cost more than reading a small body does.
    with anyio.CancelScope() as waiting:
        if idle_seconds is not None:
            waiting.deadline = anyio.current_time() + idle_seconds
        async for chunk in request.stream():
            if not chunk:
                continue  # starlette's end of the body
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            if observer is not None:
                observer.update(chunk)
            keep(chunk)
            if idle_seconds is not None:
                waiting.deadline = anyio.current_time() + idle_seconds
    if waiting.cancelled_caught:
        raise malformed(f"the request body stopped arriving for {idle_seconds:g} s")


def _too_large(limit: int) -> ApiError:
    return malformed(f"the request body exceeds the limit of {limit} bytes")


async def read_capped(
    request: Request,
    limit: int,
    observer: BodyObserver | None = None,
    idle_seconds: float | None = None,
) -> bytes:
    """The body, refused with a 400 as soon as it is known to exceed `limit` bytes, or when
    nothing of it arrives for `idle_seconds`."""
    chunks: list[bytes] = []
    await _receive(request, limit, observer, idle_seconds, chunks.append)
    return b"".join(chunks)


@asynccontextmanager
async def spooled_body(
    request: Request,
    limit: int,
    observer: BodyObserver | None = None,
    idle_seconds: float | None = None,
) -> AsyncIterator[IO[bytes]]:
    """The body in a temporary file (in memory up to its first MiB), rewound; gone when the
    block ends. Refused as `read_capped` refuses."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES) as spool:
        await _receive(request, limit, observer, idle_seconds, spool.write)
        spool.seek(0)
        yield spool


def check_media_type(headers: Mapping[str, str], accepted: Collection[str]) -> None:
    """Refuses a body not labelled with one of the operation's media types (JSON in UTF-8, when
    a charset is named). Only a request that sent a body is checked: a GET without one may
    leave Content-Type out (openapi.yaml's info)."""
    sent = headers.get("content-type")
    expected = " or ".join(sorted(accepted))
    if sent is None:
        raise malformed(f"a request body needs the Content-Type {expected}")
    media_type, options = parse_options_header(sent)
    name = media_type.decode("latin-1")
    if name not in accepted:
        raise malformed(f"the request body must be sent as {expected}")
    charset = options.get(b"charset", b"utf-8").decode("latin-1").lower()
    if name == "application/json" and charset not in ("utf-8", "utf8"):
        raise malformed("a JSON request body must be UTF-8")


async def read_form(request: Request, body: IO[bytes]) -> dict[str, Any]:
    """The multipart form of `body` (already read into a file), with files as bytes."""

    async def replay() -> dict[str, Any]:
        chunk = body.read(REPLAY_CHUNK_BYTES)
        return {"type": "http.request", "body": chunk, "more_body": bool(chunk)}

    try:
        parsed = await Request(request.scope, replay).form()
    except Exception:
        raise malformed("the request body is not a readable multipart form") from None
    fields: dict[str, Any] = {}
    for name, value in parsed.multi_items():
        fields[name] = await value.read() if isinstance(value, UploadFile) else value
    await parsed.close()
    return fields
