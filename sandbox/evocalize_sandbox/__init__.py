"""Offline Evocalize: a stateful reference implementation of every operation of openapi.yaml.

Run it with `evocalize sandbox [--port 8080] [--db URL] [--client KEY_ID:KEY]... [--seed FILE]`,
or in-process (tests, fuzzing) with `create_app(...)`, an ASGI app whose
`app.state.sandbox.process_pending_batches()` applies queued batches on demand. For a partner's
tests: the pytest plugin (`pytest_plugin.py`), or `testing.run_sandbox()` without pytest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import Sandbox, create_app
    from .settings import Settings

__all__ = ["Sandbox", "Settings", "create_app"]


def __getattr__(name: str) -> Any:
    # Imported on first use: `evocalize --help` loads this package for its `sandbox` command
    # and should not pay for starlette and SQLAlchemy.
    if name in ("Sandbox", "create_app"):
        from . import app

        return getattr(app, name)
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(name)
