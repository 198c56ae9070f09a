"""A call ends at its deadline, however steadily a server keeps sending: a real loopback server
drips its answer (headers or body) a few bytes at a time, each well within the per-read
`timeout`, and would complete it after a few seconds; a call with a shorter deadline raises
`DeadlineExceededError` instead. Retries stop at the deadline too."""

from __future__ import annotations

import math
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from evocalize import (
    APIConnectionError,
    AsyncEvocalize,
    DeadlineExceededError,
    Evocalize,
    EvocalizeError,
    RetryPolicy,
    deadline,
)
from evocalize.errors import InternalServerError

KEY_ID, SECRET = "drip-partner", "drip-secret"
BODY = b'{"data": []}' + b" " * 30
# One byte every DRIP seconds: about 5 s for the headers, 2 s for the body, each wait far
# below the per-read timeout; the deadlines below are a fraction of that.
DRIP = 0.05
SHORT = 0.5


def _answer(status: str = "200 OK", extra: str = "") -> tuple[bytes, bytes]:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{extra}"
        f"Content-Length: {len(BODY)}\r\nX-Padding: {'p' * 40}\r\n\r\n"
    ).encode()
    return head, BODY


class Served(str):
    """The server's base URL, and how many requests it answered."""

    requests = 0


@contextmanager
def dripping_server(
    *, drip_head: bool, drip_body: bool, status: str = "200 OK"
) -> Iterator[Served]:
    """A loopback HTTP server that answers every request, dripping the parts asked for."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()
    extra = "Retry-After: 0\r\n" if status.startswith("503") else ""

    def send(connection: socket.socket, data: bytes, drip: bool) -> None:
        if not drip:
            connection.sendall(data)
            return
        for index in range(len(data)):
            if stop.is_set():
                return
            connection.sendall(data[index : index + 1])
            time.sleep(DRIP)

    def serve_one(connection: socket.socket) -> None:
        with connection:
            try:
                while not stop.is_set():
                    request = b""
                    while b"\r\n\r\n" not in request:
                        chunk = connection.recv(65536)
                        if not chunk:
                            return
                        request += chunk
                    served.requests += 1
                    head, body = _answer(status, extra)
                    send(connection, head, drip_head)
                    send(connection, body, drip_body)
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=serve_one, args=(connection,), daemon=True).start()

    served = Served(f"http://127.0.0.1:{listener.getsockname()[1]}")
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        stop.set()
        thread.join()
        listener.close()


@pytest.mark.parametrize(("drip_head", "drip_body"), [(True, False), (False, True)])
def test_a_dripping_answer_is_cut_at_the_clients_deadline(drip_head: bool, drip_body: bool) -> None:
    with (
        dripping_server(drip_head=drip_head, drip_body=drip_body) as url,
        Evocalize(url, KEY_ID, SECRET, timeout=2.0, deadline=SHORT) as ev,
        pytest.raises(DeadlineExceededError) as cut,
    ):
        ev.users.list_users()
    assert isinstance(cut.value, APIConnectionError | EvocalizeError)
    assert "deadline" in str(cut.value)
    assert SECRET not in str(cut.value)


def test_the_same_answer_completes_without_a_deadline() -> None:
    """The control: the drip does end, so the error above is the deadline's."""
    with (
        dripping_server(drip_head=False, drip_body=True) as url,
        Evocalize(url, KEY_ID, SECRET, timeout=2.0, deadline=None) as ev,
    ):
        assert list(ev.users.list_users().data) == []


def test_a_call_takes_its_own_deadline() -> None:
    with (
        dripping_server(drip_head=True, drip_body=False) as url,
        Evocalize(url, KEY_ID, SECRET, timeout=2.0, deadline=math.inf) as ev,
        pytest.raises(DeadlineExceededError),
    ):
        ev.users.list_users(deadline=SHORT)


def test_a_deadline_block_shortens_every_call_inside_it() -> None:
    with (
        dripping_server(drip_head=False, drip_body=True) as url,
        Evocalize(url, KEY_ID, SECRET, timeout=2.0) as ev,
        deadline(SHORT),
        pytest.raises(DeadlineExceededError),
    ):
        ev.call("listUsers")


@pytest.mark.anyio
async def test_the_async_client_cuts_a_dripping_answer_at_its_deadline() -> None:
    with dripping_server(drip_head=True, drip_body=True) as url:
        async with AsyncEvocalize(url, KEY_ID, SECRET, timeout=2.0, deadline=SHORT) as ev:
            with pytest.raises(DeadlineExceededError):
                await ev.users.list_users()


def test_retries_stop_at_the_deadline() -> None:
    policy = RetryPolicy(max_attempts=1000, max_total_seconds=3600, base_delay=0.01, jitter=False)
    with (
        dripping_server(drip_head=False, drip_body=False, status="503 Unavailable") as url,
        Evocalize(url, KEY_ID, SECRET, deadline=SHORT, retries=policy) as ev,
        # The last 503, or the deadline when it passes within the last attempt.
        pytest.raises((InternalServerError, DeadlineExceededError)),
    ):
        ev.users.list_users()
    # Each pause is 10 ms and the 503 comes at once: without the deadline, the policy's 1000
    # attempts would all be made.
    assert 1 <= url.requests < 1000


@pytest.mark.parametrize("seconds", [-1.0, math.nan])
def test_a_deadline_is_a_number_of_seconds(seconds: float) -> None:
    with pytest.raises(ValueError, match="deadline"), deadline(seconds):
        pass
