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
from collections.abc import AsyncIterator, Collection, Mapping
from contextlib import asynccontextmanager
from typing import IO, Any, Protocol

import anyio
from python_multipart.multipart import parse_options_header
from starlette.datastructures import UploadFile
from starlette.requests import Request

from .errors import malformed

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


async def _chunks(
    request: Request, limit: int, observer: BodyObserver | None, idle_seconds: float | None
) -> AsyncIterator[bytes]:
    too_large = malformed(f"the request body exceeds the limit of {limit} bytes")
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isascii() or not declared.isdigit():
            raise malformed("invalid Content-Length header")
        if int(declared) > limit:
            raise too_large
    size = 0
    stream = request.stream()
    while True:
        # A body that stops arriving (a slow client, or one holding the connection open) is
        # refused rather than waited for.
        with anyio.move_on_after(idle_seconds) as waited:
            chunk = await anext(stream, None)
        if waited.cancelled_caught:
            raise malformed(f"the request body stopped arriving for {idle_seconds:g} s")
        if chunk is None:
            return
        size += len(chunk)
        if size > limit:
            raise too_large
        if observer is not None:
            observer.update(chunk)
        yield chunk


async def read_capped(
    request: Request,
    limit: int,
    observer: BodyObserver | None = None,
    idle_seconds: float | None = None,
) -> bytes:
    """The body, refused with a 400 as soon as it is known to exceed `limit` bytes, or when
    nothing of it arrives for `idle_seconds`."""
    return b"".join([chunk async for chunk in _chunks(request, limit, observer, idle_seconds)])


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
        async for chunk in _chunks(request, limit, observer, idle_seconds):
            spool.write(chunk)
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
