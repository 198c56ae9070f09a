from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from evocalize.fuzzing.replay import CACHE_ENV
from evocalize_sandbox.embedded import EmbeddedSandbox, embedded_sandbox
from evocalize_sandbox.seed import fuzz_seed
from schemathesis.python.asgi import shutdown_lifespans


@pytest.fixture(autouse=True)
def fresh_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test fuzzes from a folder of its own, with a cache of its own: a run keeps nothing
    in its working folder (no `.schemathesis/`, no `.hypothesis/`), but reports and the records
    of failures for `evocalize fuzz --replay` (`EVOCALIZE_FUZZ_CACHE`, by default in the user's
    cache folder) must not outlive the test or reach the home folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "fuzz-cache"))


@pytest.fixture
def sandbox() -> Iterator[EmbeddedSandbox]:
    """A fresh embedded sandbox; schemathesis starts its lifespan (the batch worker), which
    must stop before the temporary database goes."""
    with embedded_sandbox() as fresh:
        try:
            yield fresh
        finally:
            shutdown_lifespans()


@pytest.fixture
def users_sandbox() -> Iterator[EmbeddedSandbox]:
    """A fresh embedded sandbox whose users fill more than one page of listUsers."""
    seed = {**fuzz_seed(), "users": [
        {"id": f"user-{n:03}", "email": f"user-{n:03}@example.com", "name": f"User {n}"}
        for n in range(150)
    ]}  # fmt: skip
    with embedded_sandbox(seed=seed) as fresh:
        try:
            yield fresh
        finally:
            shutdown_lifespans()
