"""Large uploads that fail authentication do not grow the sandbox by their size.

`evocalize sandbox` runs as a process of its own; two audience uploads (the one operation whose
body may reach 256 MiB) are sent at once over raw sockets, first without valid credentials, then
correctly signed headers over a body the signature does not match. Refused at the headers, the
first are never read; the second are hashed as they stream and spooled to a temporary file, and
refused before the form is parsed. The peak resident memory of the process (VmHWM) is compared
before and after: a sandbox that buffers the body grows by at least the two bodies (here 128
MiB); the bound is an eighth of that.
"""

from __future__ import annotations

import secrets
import select
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from evocalize.auth import SignatureAuth
from evocalize.signing import KEY_HEADER, KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER

from reliability.sandbox_process import SandboxProcess, sandbox_process

KEY_ID = "upload-partner"
KEY = "upload-secret-7d1f"
PLACEHOLDER = "memory-placeholder"
PATH = f"/management/v1/audience/{PLACEHOLDER}/csv/upload"
BODY_BYTES = 64 * 1024 * 1024
UPLOADS_AT_ONCE = 2
# Far below the bodies (2 x 64 MiB), far above the spooling's own buffers (1 MiB each).
GROWTH_BOUND_BYTES = UPLOADS_AT_ONCE * BODY_BYTES // 8
BOUNDARY = "memory-boundary"
# A well-formed form with one CSV file, so that a sandbox parsing it before checking the
# signature would get far enough to hold it.
FORM_HEAD = (
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="file"; filename="audience.csv"\r\n'
    "Content-Type: text/csv\r\n\r\nemail\r\n"
).encode()
FORM_TAIL = f"\r\n--{BOUNDARY}--\r\n".encode()
FILLER = b"x" * (1024 * 1024)

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="reads peak memory from /proc"
)


def body_chunks() -> Iterator[bytes]:
    yield FORM_HEAD
    left = BODY_BYTES - len(FORM_HEAD) - len(FORM_TAIL)
    while left > 0:
        yield FILLER[:left]
        left -= len(FILLER)
    yield FORM_TAIL


def reset_peak_rss(pid: int) -> None:
    # Linux: writing 5 to clear_refs resets VmHWM to the current resident size.
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc/PID/status")


def upload(url: str, headers: dict[str, str]) -> int:
    """Sends an upload of BODY_BYTES, stopping early if the sandbox answers first (as it does
    when it refuses at the headers); returns the answer's status."""
    parts = urlsplit(url)
    head = "".join(
        [
            f"POST {PATH} HTTP/1.1\r\n",
            f"Host: {parts.netloc}\r\n",
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n",
            f"Content-Length: {BODY_BYTES}\r\n",
            *(f"{name}: {value}\r\n" for name, value in headers.items()),
            "Connection: close\r\n\r\n",
        ]
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as sock:
        sock.sendall(head.encode("latin-1"))
        for chunk in body_chunks():
            if select.select([sock], [], [], 0)[0]:
                break  # answered before the body was sent
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
        answer = b""
        while b"\r\n" not in answer:
            received = sock.recv(65536)
            assert received, "the sandbox closed the connection without answering"
            answer += received
    return int(answer.split(b" ", 2)[1])


def wrong_shared_key() -> dict[str, str]:
    return {KEY_ID_HEADER: KEY_ID, KEY_HEADER: "not-the-key"}


def unknown_key_id() -> dict[str, str]:
    return {KEY_ID_HEADER: "nobody", KEY_HEADER: KEY}


def signature_of_another_body() -> dict[str, str]:
    return {
        KEY_ID_HEADER: KEY_ID,
        TIMESTAMP_HEADER: str(int(time.time())),
        SIGNATURE_HEADER: secrets.token_hex(32),
    }


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    database = tmp_path_factory.mktemp("upload-memory") / "sandbox.db"
    with sandbox_process(database, KEY_ID, KEY) as served:
        # Every code path of an upload runs once before the baseline is taken (authenticated,
        # read, parsed, and refused as the placeholder does not exist: the API's 403).
        warm_up = httpx.post(
            f"{served.url}{PATH}",
            files={"file": ("audience.csv", b"email\n" + b"a" * 2 * 1024 * 1024)},
            auth=SignatureAuth(KEY_ID, KEY),
        )
        assert warm_up.status_code == 403, warm_up.text
        yield served


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        (wrong_shared_key, 401),
        (unknown_key_id, 401),
        (signature_of_another_body, 401),
    ],
    ids=["wrong-shared-key", "unknown-key-id", "signature-of-another-body"],
)
def test_refused_uploads_do_not_grow_the_sandbox_by_their_size(
    sandbox: SandboxProcess, headers: Callable[[], dict[str, str]], code: int
) -> None:
    reset_peak_rss(sandbox.process.pid)
    before = peak_rss_bytes(sandbox.process.pid)
    started = time.monotonic()
    with ThreadPoolExecutor(UPLOADS_AT_ONCE) as pool:
        statuses = list(pool.map(lambda _: upload(sandbox.url, headers()), range(UPLOADS_AT_ONCE)))
    seconds = time.monotonic() - started
    growth = peak_rss_bytes(sandbox.process.pid) - before
    print(
        f"{UPLOADS_AT_ONCE} x {BODY_BYTES // 2**20} MiB uploads ({headers.__name__}): peak RSS "
        f"{before / 2**20:.0f} -> {(before + growth) / 2**20:.0f} MiB (+{growth / 2**20:.1f} "
        f"MiB, bound {GROWTH_BOUND_BYTES / 2**20:.0f} MiB) in {seconds:.2f} s"
    )
    assert statuses == [code] * UPLOADS_AT_ONCE
    assert growth < GROWTH_BOUND_BYTES
