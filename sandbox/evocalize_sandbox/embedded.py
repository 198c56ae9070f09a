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

from evocalize.fuzzing.known_values import KnownValues
from starlette.applications import Starlette

from evocalize_sandbox.app import create_app
from evocalize_sandbox.fuzz_values import known_values
from evocalize_sandbox.seed import SeedSource, fuzz_seed, read_seed
from evocalize_sandbox.settings import Settings

EMBEDDED_KEY_ID = "embedded"


@dataclass(frozen=True)
class EmbeddedSandbox:
    app: Starlette
    key_id: str
    secret: str = field(repr=False)
    database_url: str
    # What the seed put in the database, for the fuzzer's positive cases; also published as
    # `app.state.fuzz_known_values`, where `fuzz_schema` finds it.
    known_values: KnownValues


@contextmanager
def embedded_sandbox(
    seed: SeedSource | None = None, settings: Settings | None = None
) -> Iterator[EmbeddedSandbox]:
    """A fresh sandbox, seeded by default with `fuzz_seed()` (the objects the spec's examples
    name), since what it is for is being fuzzed. By default it processes an audience CSV at
    once (Evocalize takes "up to 24 hours"): a fuzz run uploads to the same placeholder many
    times, and a placeholder still processing refuses the next upload. And it applies each
    batch before the next request (`apply_batches_inline`), so that a run, and its replay, see
    the same state at each step."""
    with tempfile.TemporaryDirectory(prefix="evocalize-sandbox-") as folder:
        database_url = f"sqlite:///{Path(folder) / 'sandbox.db'}"
        secret = secrets.token_urlsafe(24)
        document = fuzz_seed() if seed is None else read_seed(seed)
        app = create_app(
            database_url=database_url,
            clients={EMBEDDED_KEY_ID: secret},
            seed=document,
            settings=settings
            or Settings(audience_processing_seconds=0.0, apply_batches_inline=True),
        )
        known = known_values(document)
        app.state.fuzz_known_values = known
        yield EmbeddedSandbox(app, EMBEDDED_KEY_ID, secret, database_url, known)
