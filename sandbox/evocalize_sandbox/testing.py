"""A sandbox for a partner's tests: fresh, in test mode, with its own credential, and the clients,
clock and faults a test needs. The pytest plugin's fixtures are made of it; it works without
pytest too:

    with run_sandbox() as sandbox:
        with sandbox.client() as ev:
            ev.users.create_or_update_user(body={...})
        sandbox.clock.advance(days=2)

It runs in process by default (no socket: `InProcessServer`), or on a free loopback port with
`loopback=True` (uvicorn in a thread), for code that must be given a URL. Its database is a
SQLite file in a temporary folder, deleted with it; `reset()` empties it and seeds it again, for
a sandbox shared by many tests.

The clients it makes sign their requests with the sandbox's clock: the sandbox checks a
signature's timestamp against that clock, so a client signing with the wall clock is refused
(`EV_UNAUTHORIZED_EXPIRED_REQUEST`) once the clock has moved more than 60 seconds ahead. A client
the code under test makes itself takes `clock=sandbox.clock`, or `auth="shared-secret"`.
"""

from __future__ import annotations

import secrets
import socket
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
import uvicorn
from evocalize import AsyncEvocalize, Evocalize
from starlette.applications import Starlette

from .app import Sandbox, create_app
from .auth import clients_table
from .clock import SandboxClock
from .faults import FaultPlan, FaultRule, Faults, read_faults
from .in_process import InProcessServer
from .seed import SeedSource, apply_seed, read_seed
from .settings import Settings
from .storage import metadata, settings_table

__all__ = ["IN_PROCESS_URL", "FaultControl", "RunningSandbox", "run_sandbox", "serve_in_thread"]

# The base URL of a sandbox in process: nothing listens there, the transport answers instead.
IN_PROCESS_URL = "http://sandbox.evocalize.test"
KEY_ID = "sandbox-tests"
# What `reset` keeps: the credentials and the sandbox's own keys (page tokens).
KEPT_TABLES = (clients_table.name, settings_table.name)


@contextmanager
def serve_in_thread(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Serves `app` with uvicorn on a free port of `host` until the block ends; yields its base
    URL. The socket is bound before the server starts, so no other process can take the port
    in between."""
    listener = socket.socket()
    listener.bind((host, 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        if not server.started:
            raise RuntimeError(f"the server on {host}:{port} did not start")
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listener.close()


class FaultControl:
    """The faults of a sandbox under test (faults.py): add rules, read what happened."""

    def __init__(self, faults: Faults) -> None:
        self._faults = faults

    def __repr__(self) -> str:
        return f"FaultControl({self._faults.state()['faults']})"

    def inject(
        self,
        fault: str | int,
        operation: str = "*",
        *,
        rate: float = 1.0,
        count: int | None = None,
        retry_after: float = 1.0,
        seconds: float = 1.0,
    ) -> FaultRule:
        """Adds a rule after those in force: `inject(503, "getUser", count=2)`."""
        rule = FaultRule.model_validate(
            {
                "fault": fault,
                "operation": operation,
                "rate": rate,
                "count": count,
                "retryAfter": retry_after,
                "seconds": seconds,
            }
        )
        self._faults.add(rule)
        return rule

    def configure(self, plan: str | Path | Mapping[str, Any] | FaultPlan) -> None:
        """Replaces the plan in force (a file, a mapping or a plan), counts and all."""
        self._faults.configure(read_faults(plan))

    def clear(self) -> None:
        self._faults.clear()

    def requests(self, operation_id: str) -> int:
        """How many requests of `operation_id` reached the sandbox (retries included)."""
        return self._faults.requests(operation_id)

    def injected(self, operation_id: str | None = None) -> list[str]:
        """The faults met so far, in order (of `operation_id`'s requests, or of all)."""
        return self._faults.injected(operation_id)


@dataclass
class RunningSandbox:
    """A running sandbox under test, what the `evocalize_sandbox` fixture gives."""

    app: Starlette
    base_url: str
    key_id: str
    secret: str = field(repr=False)
    server: InProcessServer | None = field(default=None, repr=False)

    @property
    def sandbox(self) -> Sandbox:
        sandbox: Sandbox = self.app.state.sandbox
        return sandbox

    @property
    def clock(self) -> SandboxClock:
        """The test clock: `clock.advance(days=1)`, `clock.freeze()`, `clock.now()`."""
        clock = self.sandbox.clock
        assert clock is not None, "a sandbox under test runs in test mode"
        return clock

    @property
    def faults(self) -> FaultControl:
        return FaultControl(self.sandbox.faults)

    @property
    def in_process(self) -> bool:
        return self.server is not None

    def transport(self) -> httpx.BaseTransport | None:
        """The sync transport that reaches it in process (None on a loopback port)."""
        return None if self.server is None else self.server.transport()

    def async_transport(self) -> httpx.AsyncBaseTransport | None:
        return None if self.server is None else self.server.async_transport()

    def client(self, **options: Any) -> Evocalize:
        """A client of this sandbox, its credential and clock; `options` go to `Evocalize`
        (`retries=`, `timeout=`, ...)."""
        options.setdefault("auth", "signature")
        options.setdefault("clock", self.clock)
        return Evocalize(
            self.base_url, self.key_id, self.secret, transport=self.transport(), **options
        )

    def async_client(self, **options: Any) -> AsyncEvocalize:
        """`client`, async."""
        options.setdefault("auth", "signature")
        options.setdefault("clock", self.clock)
        return AsyncEvocalize(
            self.base_url, self.key_id, self.secret, transport=self.async_transport(), **options
        )

    def process_batches(self) -> int:
        """Applies the pending batch entries now, rather than at the worker's next poll."""
        return self.sandbox.process_pending_batches()

    def reset(self, seed: SeedSource | None = None) -> None:
        """Back to a fresh sandbox: every object deleted, then `seed` (or the built-in seed)
        loaded; the clock back to the wall clock, and no faults. The credential stays."""
        document = None if seed is None else read_seed(seed)
        self.sandbox.faults.clear()
        self.clock.reset()
        with self.sandbox.engine.begin() as conn:
            for table in reversed(metadata.sorted_tables):
                if table.name not in KEPT_TABLES:
                    conn.execute(table.delete())
            conn.execute(sa.delete(settings_table).where(settings_table.c.name == "seeded"))
        apply_seed(self.sandbox.engine, document)


@contextmanager
def run_sandbox(
    seed: SeedSource | None = None,
    *,
    loopback: bool = False,
    settings: Settings | None = None,
) -> Iterator[RunningSandbox]:
    """A fresh sandbox in test mode until the block ends: `seed` as `evocalize sandbox --seed`
    takes it (a JSON or YAML file, or a mapping; the built-in seed when None), served in
    process or, with `loopback`, on a free port of 127.0.0.1."""
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="evocalize-test-")))
        secret = secrets.token_urlsafe(24)
        app = create_app(
            database_url=f"sqlite:///{folder / 'sandbox.db'}",
            clients={KEY_ID: secret},
            seed=None if seed is None else read_seed(seed),
            settings=replace(settings or Settings(), test_mode=True),
        )
        stack.callback(app.state.sandbox.engine.dispose)
        if loopback:
            url = stack.enter_context(serve_in_thread(app))
            yield RunningSandbox(app, url, KEY_ID, secret)
        else:
            server = stack.enter_context(InProcessServer(app))
            yield RunningSandbox(app, IN_PROCESS_URL, KEY_ID, secret, server)
