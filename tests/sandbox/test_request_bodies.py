"""The body reader's idle limit is per chunk: a body that keeps arriving, however slowly in all,
is read; one that stops for longer than the limit is refused."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
from evocalize_sandbox.errors import ApiError
from evocalize_sandbox.request_bodies import read_capped
from starlette.requests import Request

IDLE_SECONDS = 0.2


def dripped(chunks: list[bytes], pause: float) -> Request:
    """A request whose body arrives in `chunks`, `pause` seconds apart."""
    pending = list(chunks)

    async def receive() -> dict[str, Any]:
        await anyio.sleep(pause)
        chunk = pending.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    return Request({"type": "http", "method": "POST", "headers": [], "path": "/"}, receive)


def test_a_body_that_keeps_arriving_is_read_past_the_idle_limit_in_all() -> None:
    chunks = [b"chunk %d;" % number for number in range(6)]
    # Each pause is half the limit; the whole body takes three times it.
    request = dripped(chunks, IDLE_SECONDS / 2)
    assert anyio.run(read_capped, request, 1024, None, IDLE_SECONDS) == b"".join(chunks)


def test_a_body_that_stops_arriving_is_refused() -> None:
    request = dripped([b"first", b"late"], IDLE_SECONDS * 3)
    with pytest.raises(ApiError, match="stopped arriving"):
        anyio.run(read_capped, request, 1024, None, IDLE_SECONDS)


def test_a_body_over_the_limit_is_refused_as_it_streams() -> None:
    request = dripped([b"x" * 600, b"x" * 600], 0)
    with pytest.raises(ApiError, match="exceeds the limit of 1000 bytes"):
        anyio.run(read_capped, request, 1000, None, IDLE_SECONDS)
