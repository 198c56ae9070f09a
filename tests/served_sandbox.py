"""The sandbox served over real HTTP (`served.serving`), with its background batch worker
running: what a partner's own code and the command line talk to; and the environment for
running the installed console script."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from evocalize_sandbox.app import create_app
from served import free_port, serving

__all__ = ["free_port", "served_sandbox", "subprocess_env"]


def subprocess_env() -> dict[str, str]:
    """The environment for a console script under test: this interpreter's `bin` first, no
    EVOCALIZE_* of the caller's, and no bytecode written (a stray `__pycache__` in `generated/`
    is a file `scripts/regenerate --check` did not generate)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("EVOCALIZE_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@contextmanager
def served_sandbox(database: Path, clients: dict[str, str]) -> Iterator[str]:
    """Yields the base URL of a sandbox on `database` until the block ends."""
    with serving(create_app(database_url=f"sqlite:///{database}", clients=clients)) as url:
        yield url
