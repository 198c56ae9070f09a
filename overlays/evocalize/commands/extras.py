"""What a command needs beyond `evocalize[cli]`, and the one line it fails with without it.

`pip install evocalize` is the client; `[cli]` adds the command line. The sandbox, the fuzzer
and the webhook receiver's server come with the extras named here: a command that needs one
checks, before it imports anything, that the extra's modules are there, and otherwise fails
with one line naming the extra to install, instead of an ImportError's traceback.
"""

from __future__ import annotations

import importlib.util

# typer 0.27 vendors click and re-exports only some of its exceptions.
from typer._click import exceptions as click_exceptions

from .failures import EXIT_FAILED

# The modules each extra of pyproject.toml brings, by import name.
EXTRA_MODULES: dict[str, tuple[str, ...]] = {
    "sandbox": ("starlette", "uvicorn", "sqlalchemy", "python_multipart"),
    "fuzz": ("schemathesis", "a2wsgi", "starlette", "uvicorn", "sqlalchemy", "python_multipart"),
}


class MissingExtraError(click_exceptions.ClickException):
    """A command needs an extra that is not installed; the root group prints it in one line."""

    exit_code = EXIT_FAILED

    def __init__(self, command: str, extra: str, missing: list[str]) -> None:
        super().__init__(
            f"needs the {extra} extra ({', '.join(missing)} not installed): "
            f"pip install 'evocalize[{extra}]'"
        )
        # The one line starts with it: `evocalize sandbox: needs the sandbox extra ...`.
        self.command_path = command
        self.extra = extra
        self.missing = missing


def missing_modules(modules: tuple[str, ...]) -> list[str]:
    """The modules of `modules` that cannot be imported here (found without importing them)."""
    return [name for name in modules if importlib.util.find_spec(name) is None]


def require_extra(command: str, extra: str, modules: tuple[str, ...] | None = None) -> None:
    """Fails `command` with a MissingExtraError unless `extra` (or just `modules` of it) is
    installed."""
    missing = missing_modules(EXTRA_MODULES[extra] if modules is None else modules)
    if missing:
        raise MissingExtraError(command, extra, missing)
