"""Clients that hold connections open, or leave mid-request, against `evocalize sandbox` as a
process of its own on loopback (`--read-timeout 0.5 --max-connections 8`, so that nothing here
waits long): a connection that sends nothing, one that drips its headers a byte at a time
(slowloris), and one whose body stops arriving are all closed or refused; one over the limit is
closed at once; a client that disconnects mid-body is one INFO line in the log, no traceback."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from evocalize.signing import KEY_HEADER, KEY_ID_HEADER

from reliability.sandbox_process import SandboxProcess, sandbox_process

KEY_ID = "slow-partner"
KEY = "slow-secret-c4a9"
MAX_CONNECTIONS = 8
# Far longer than the read timeout: a connection still open after this was never closed.
GUARD_SECONDS = 20.0
REQUEST_HEAD = (
    "POST /management/v1/group HTTP/1.1\r\n"
    "Host: sandbox\r\n"
    "Content-Type: application/json\r\n"
    f"{KEY_ID_HEADER}: {KEY_ID}\r\n"
    f"{KEY_HEADER}: {KEY}\r\n"
    "Content-Length: 100\r\n\r\n"
).encode()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    database = tmp_path_factory.mktemp("slow-clients") / "sandbox.db"
    options = ("--read-timeout", "0.5", "--max-connections", str(MAX_CONNECTIONS))
    with sandbox_process(database, KEY_ID, KEY, *options) as served:
        yield served


def connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=GUARD_SECONDS)
    return sock


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the sandbox sends until it closes the connection (a socket timeout, the
    guard, fails the test)."""
    received = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return received
        if not chunk:
            return received
        received += chunk


def test_a_connection_that_sends_nothing_is_closed(sandbox: SandboxProcess) -> None:
    with connect(sandbox.url) as sock:
        assert read_until_closed(sock) == b""


def test_headers_dripped_a_byte_at_a_time_are_cut_off(sandbox: SandboxProcess) -> None:
    head = REQUEST_HEAD * 20  # a few seconds' worth at 10 bytes a second
    sent = 0
    with connect(sandbox.url) as sock:
        try:
            for byte in head:
                sock.send(bytes([byte]))
                sent += 1
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert read_until_closed(sock) == b""
    assert sent < len(head), "the sandbox let the whole drip through"


def test_a_body_that_stops_arriving_is_refused(sandbox: SandboxProcess) -> None:
    with connect(sandbox.url) as sock:
        sock.sendall(REQUEST_HEAD + b'{"id": "slow",')
        answer = b""
        while not answer.endswith(b"}]}"):  # the error envelope's end
            chunk = sock.recv(65536)
            assert chunk, answer
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert b"EV_BAD_REQUEST_MALFORMED" in answer
    assert b"stopped arriving" in answer


def test_a_connection_over_the_limit_is_closed_at_once(sandbox: SandboxProcess) -> None:
    held = [connect(sandbox.url) for _ in range(MAX_CONNECTIONS)]
    try:
        with connect(sandbox.url) as extra:
            extra.sendall(b"GET /management/v1/repositories HTTP/1.1\r\nHost: sandbox\r\n\r\n")
            assert read_until_closed(extra) == b""
    finally:
        for sock in held:
            sock.close()


def test_a_client_leaving_mid_body_is_one_info_line(sandbox: SandboxProcess) -> None:
    with connect(sandbox.url) as sock:
        sock.sendall(REQUEST_HEAD + b'{"id": "gone"')
        time.sleep(0.1)  # the sandbox is now waiting for the rest
    lines = wait_for_line(sandbox.log, "disconnected")
    logged = "\n".join(lines)
    assert "Traceback" not in logged and "ERROR" not in logged, logged
    (line,) = [line for line in lines if "disconnected" in line]
    assert line.startswith("INFO:"), line


def wait_for_line(log: Path, text: str) -> list[str]:
    deadline = time.monotonic() + GUARD_SECONDS
    while True:
        lines = log.read_text().splitlines()
        if any(text in line for line in lines) or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)
