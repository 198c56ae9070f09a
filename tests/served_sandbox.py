"""The sandbox served over real HTTP by uvicorn on a free port, in a thread of the test process,
with its background batch worker running: what a partner's own code talks to."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from evocalize_sandbox.app import create_app


def subprocess_env() -> dict[str, str]:
    """The environment for a console script under test: this interpreter's `bin` first, no
    EVOCALIZE_* of the caller's, and no bytecode written (a stray `__pycache__` in `generated/`
    is a file `scripts/regenerate --check` did not generate)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("EVOCALIZE_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served_sandbox(database: Path, clients: dict[str, str]) -> Iterator[str]:
    """Yields the sandbox's base URL until the block ends."""
    app = create_app(database_url=f"sqlite:///{database}", clients=clients)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "the sandbox did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
