"""Reading an answer's body with a ceiling: at most `max_bytes`, in one buffer.

httpx reads a whole body into a list of chunks and joins them, so an answer takes twice its size
at the peak, with no limit at all. The client streams each answer instead: a `Content-Length`
over the ceiling is refused before the body is read, and a body that grows past it is cut as it
arrives, so an endless or oversized answer costs no more than the ceiling. The chunks go into one
`BytesIO`, whose value CPython hands over without a copy. Listings and the report errors come in
pages (at most 100 items each), so no answer of the API needs to be large; `max_response_bytes`
on the client raises the ceiling where a server does.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError

from evocalize.errors import ResponseTooLargeError

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "aread_capped", "read_capped", "schema_problem"]

MIB = 1024 * 1024
# Far above any page of the API (100 items), far below what would trouble a machine.
DEFAULT_MAX_RESPONSE_BYTES = 64 * MIB


def _refuse_by_length(response: httpx.Response, max_bytes: int) -> None:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_large(response, f"announces {int(length)} bytes", max_bytes)


def _too_large(response: httpx.Response, what: str, max_bytes: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"the {response.status_code} answer {what}, more than the client's "
        f"max_response_bytes ({max_bytes}); it was not kept",
        max_bytes=max_bytes,
    )


def _add(buffer: io.BytesIO, chunk: bytes, response: httpx.Response, max_bytes: int) -> None:
    if buffer.tell() + len(chunk) > max_bytes:
        raise _too_large(response, "goes on", max_bytes)
    buffer.write(chunk)


def read_capped(response: httpx.Response, max_bytes: int) -> httpx.Response:
    """`response` (sent with `stream=True`) with its body read, or `ResponseTooLargeError` once
    it passes `max_bytes`; the stream is closed either way."""
    buffer = io.BytesIO()
    try:
        _refuse_by_length(response, max_bytes)
        for chunk in response.iter_bytes():
            _add(buffer, chunk, response, max_bytes)
    finally:
        response.close()
    # What `Response.read()` would set, without its second, joined copy of the body.
    response._content = buffer.getvalue()
    return response


async def aread_capped(response: httpx.Response, max_bytes: int) -> httpx.Response:
    """`read_capped` for a response of the async client."""
    buffer = io.BytesIO()
    try:
        _refuse_by_length(response, max_bytes)
        async for chunk in response.aiter_bytes():
            _add(buffer, chunk, response, max_bytes)
    finally:
        await response.aclose()
    response._content = buffer.getvalue()
    return response


@cache
def _model(name: str) -> type[BaseModel]:
    # Imported on first use: `import evocalize` stays light (tests/test_layering.py).
    import evocalize_models

    model: type[BaseModel] = getattr(evocalize_models, name)
    return model


def schema_problem(envelope: str, payload: Any) -> str | None:
    """What in `payload` breaks the schema of the answer `envelope` (a model of
    `evocalize_models`), named by where it is and never by its value (answers hold personal
    data); None when it fits."""
    try:
        _model(envelope).model_validate(payload)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(step) for step in first["loc"]) or "the body"
        more = error.error_count() - 1
        return f"{where}: {first['msg']}" + (f" (and {more} more)" if more else "")
    except RecursionError:
        return "the body is nested too deeply"
    return None
