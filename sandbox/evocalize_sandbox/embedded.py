"""A throwaway sandbox for one process: a fresh database in a temporary folder and a random
credential, so `evocalize fuzz` (and tests) can hold the sandbox to the spec in process on a
bare machine, with no server started and nothing left behind."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette

from evocalize_sandbox.app import create_app
from evocalize_sandbox.seed import SeedSource, fuzz_seed
from evocalize_sandbox.settings import Settings

EMBEDDED_KEY_ID = "embedded"


@dataclass(frozen=True)
class EmbeddedSandbox:
    app: Starlette
    key_id: str
    secret: str = field(repr=False)
    database_url: str


@contextmanager
def embedded_sandbox(
    seed: SeedSource | None = None, settings: Settings | None = None
) -> Iterator[EmbeddedSandbox]:
    """A fresh sandbox, seeded by default with `fuzz_seed()` (the objects the spec's examples
    name), since what it is for is being fuzzed."""
    with tempfile.TemporaryDirectory(prefix="evocalize-sandbox-") as folder:
        database_url = f"sqlite:///{Path(folder) / 'sandbox.db'}"
        secret = secrets.token_urlsafe(24)
        app = create_app(
            database_url=database_url,
            clients={EMBEDDED_KEY_ID: secret},
            seed=fuzz_seed() if seed is None else seed,
            settings=settings,
        )
        yield EmbeddedSandbox(app, EMBEDDED_KEY_ID, secret, database_url)
