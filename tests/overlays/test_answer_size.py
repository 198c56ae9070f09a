"""No answer is read past the client's `max_response_bytes`: one that announces more is refused
before its body is read, one that streams more is cut as it arrives, and what was read is not
kept, so a 300 MiB answer costs the client about the ceiling, not twice the answer."""

from __future__ import annotations

import tracemalloc
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from evocalize import AsyncEvocalize, Evocalize, EvocalizeError
from evocalize.answers import DEFAULT_MAX_RESPONSE_BYTES
from evocalize.errors import ResponseTooLargeError

MIB = 1024 * 1024
CEILING = 8 * MIB
ANSWER = 300 * MIB
END = b'{"data": []}'


class Streamer:
    """An answer of `size` bytes (whitespace, then an empty listing), one MiB at a time; counts
    the chunks taken from it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.sent = 0

    def chunks(self) -> Iterator[bytes]:
        blank = b" " * MIB
        while self.sent + MIB <= self.size - len(END):
            self.sent += MIB
            yield blank
        yield END


def streaming(streamer: Streamer, announce: bool = False) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if announce:
            headers["Content-Length"] = str(streamer.size)
        return httpx.Response(200, headers=headers, content=streamer.chunks())

    return httpx.MockTransport(answer)


def client(
    transport: httpx.MockTransport, max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
) -> Evocalize:
    return Evocalize(
        "https://api.test",
        "kid",
        "secret",
        transport=transport,
        max_response_bytes=max_response_bytes,
    )


def test_a_300_mib_answer_is_cut_at_the_ceiling_and_costs_about_the_ceiling() -> None:
    streamer = Streamer(ANSWER)
    with client(streaming(streamer), max_response_bytes=CEILING) as ev:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError, match="max_response_bytes") as refused:
                ev.users.list_users()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert refused.value.max_bytes == CEILING
    assert isinstance(refused.value, EvocalizeError)
    assert streamer.sent <= CEILING + MIB  # the rest was never read
    assert peak < 3 * CEILING, f"peak {peak / MIB:.0f} MiB"


def test_an_answer_that_announces_too_much_is_refused_before_its_body_is_read() -> None:
    streamer = Streamer(ANSWER)
    with (
        client(streaming(streamer, announce=True), max_response_bytes=CEILING) as ev,
        pytest.raises(ResponseTooLargeError, match=f"announces {ANSWER} bytes"),
    ):
        ev.users.list_users()
    assert streamer.sent == 0


def test_an_answer_within_the_ceiling_is_read_whole() -> None:
    streamer = Streamer(2 * MIB)
    with client(streaming(streamer), max_response_bytes=CEILING) as ev:
        assert ev.users.list_users().data == []
    with client(streaming(Streamer(2 * MIB))) as ev:
        assert ev.users.with_raw_response.list_users().json() == {"data": []}
    assert DEFAULT_MAX_RESPONSE_BYTES >= 64 * MIB


@pytest.mark.anyio
async def test_the_async_client_cuts_an_answer_at_the_ceiling() -> None:
    streamer = Streamer(ANSWER)

    async def body() -> AsyncIterator[bytes]:
        for chunk in streamer.chunks():
            yield chunk

    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body())

    transport = httpx.MockTransport(answer)
    async with AsyncEvocalize(
        "https://api.test", "kid", "secret", transport=transport, max_response_bytes=CEILING
    ) as ev:
        with pytest.raises(ResponseTooLargeError):
            await ev.users.list_users()
    assert streamer.sent <= CEILING + MIB
