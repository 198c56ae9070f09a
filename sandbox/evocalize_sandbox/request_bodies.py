"""Reading request bodies without trusting their size: a body over the limit is refused (a 400,
as the spec documents no 413) as soon as its declared or streamed size passes the limit, before
it is held whole in memory."""

from __future__ import annotations

import logging
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from .errors import malformed

# python-multipart logs a warning for each malformed part it meets; the sandbox already answers
# such a body with a 400 naming it, and the warnings would flood the output of a fuzz run.
logging.getLogger("python_multipart").setLevel(logging.ERROR)


async def read_capped(request: Request, limit: int) -> bytes:
    """The body, refused with a 400 as soon as it is known to exceed `limit` bytes."""
    too_large = malformed(f"the request body exceeds the limit of {limit} bytes")
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise malformed("invalid Content-Length header")
        if int(declared) > limit:
            raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request, body: bytes) -> dict[str, Any]:
    """The multipart form of `body` (already read), with files as bytes."""
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        parsed = await Request(request.scope, replay).form()
    except Exception:
        raise malformed("the request body is not a readable multipart form") from None
    fields: dict[str, Any] = {}
    for name, value in parsed.multi_items():
        fields[name] = await value.read() if isinstance(value, UploadFile) else value
    await parsed.close()
    return fields
