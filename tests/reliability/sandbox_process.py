"""`evocalize sandbox` as a real process of its own (its own process group, so a SIGKILL takes
it down at once, mid-transaction if it is in one), for tests that crash and restart it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from evocalize.auth import SignatureAuth
from served import free_port
from served_sandbox import subprocess_env

START_SECONDS = 30.0


@dataclass
class SandboxProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """SIGKILL, no chance to clean up: what a crash or an OOM kill does."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def answers(url: str, auth: httpx.Auth) -> bool:
    """Whether the sandbox answers a signed read with a 200."""
    try:
        response = httpx.get(f"{url}/management/v1/repositories", auth=auth, timeout=5)
    except httpx.TransportError:
        return False
    return response.status_code == 200


@contextmanager
def sandbox_process(
    database: Path, key_id: str, key: str, *options: str
) -> Iterator[SandboxProcess]:
    """Runs `evocalize sandbox` on the SQLite file `database` until the block ends (or until
    the block kills it); its output goes to a log file beside the database."""
    port = free_port()
    log = database.with_name(f"{database.name}.{port}.log")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                "evocalize",
                "sandbox",
                "--port",
                str(port),
                "--db",
                f"sqlite:///{database}",
                "--client",
                f"{key_id}:{key}",
                *options,
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=database.parent,
            env=subprocess_env(),
            start_new_session=True,
        )
    served = SandboxProcess(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + START_SECONDS
        auth = SignatureAuth(key_id, key)
        while not answers(served.url, auth):
            assert process.poll() is None, f"the sandbox exited: {log.read_text()}"
            assert time.monotonic() < deadline, f"the sandbox did not answer in {START_SECONDS} s"
            time.sleep(0.05)
        yield served
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
