"""How the command line fails: one line on stderr and a non-zero exit, never a traceback.

Click prints a usage box for bad arguments and Python a traceback for anything raised. A partner
running `evocalize` in a script wants neither: the root group's `main` turns both into one line,
`EV_CODE: message (field)` for what the API refused, `evocalize <command>: message` for a bad
argument. Exit codes: 1 when the API or the input refused the work, 2 for bad usage.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
import typer.core

# typer 0.27 vendors click and re-exports only some of its exceptions.
from typer._click import exceptions as click_exceptions

from evocalize.audience import AudienceCsvError
from evocalize.batches import BatchIncomplete
from evocalize.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    EvocalizeError,
    RequestValidationError,
)
from evocalize.settings import BASE_URL_ENV

# Where the base URL came from (Settings.base_url_source), in the command line's terms.
URL_ORIGINS = {
    "argument": "from --url",
    "environment": f"from {BASE_URL_ENV}",
    "default": f"the default; set --url or {BASE_URL_ENV}",
}

EXIT_FAILED = 1
EXIT_USAGE = 2

# What a command may raise for a reason the user can act on; anything else is a bug and keeps
# its traceback.
EXPECTED = (
    EvocalizeError,
    AudienceCsvError,
    BatchIncomplete,
    OSError,
)


def one_line(error: BaseException) -> str:
    """The error as the command line prints it."""
    if isinstance(error, APIError):
        code = error.code or f"HTTP {error.status}"
        where = f" ({error.field})" if error.field else ""
        return f"{code}: {error.message}{where}"
    if isinstance(error, RequestValidationError):
        more = f" (and {len(error.errors) - 1} more)" if len(error.errors) > 1 else ""
        return f"{error.code}: {error.message}{more}; nothing was sent"
    if isinstance(error, APIConnectionError) and error.url and error.url_source in URL_ORIGINS:
        what = "timed out waiting for" if isinstance(error, APITimeoutError) else "no answer from"
        return f"error: {what} {error.url} ({URL_ORIGINS[error.url_source]}): {error.reason}"
    if isinstance(error, OSError) and error.filename is not None:
        return f"error: {error.filename}: {error.strerror or error}"
    return f"error: {error}"


class OneLineErrors(typer.core.TyperGroup):
    """The root group: runs a command and reports its failure in one line."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, standalone_mode: bool = True, **kwargs: Any
    ) -> Any:
        if not standalone_mode:
            return super().main(args, standalone_mode=False, **kwargs)
        try:
            code = super().main(args, standalone_mode=False, **kwargs)
        except click_exceptions.NoArgsIsHelpError as help_wanted:
            typer.echo(help_wanted.ctx.get_help())
            sys.exit(EXIT_USAGE)
        except click_exceptions.ClickException as error:
            sys.exit(_usage_line(error))
        except typer.Abort:
            typer.echo("evocalize: aborted", err=True)
            sys.exit(EXIT_FAILED)
        except EXPECTED as error:
            typer.echo(one_line(error), err=True)
            sys.exit(EXIT_FAILED)
        sys.exit(code if isinstance(code, int) else 0)


def _usage_line(error: click_exceptions.ClickException) -> int:
    context = getattr(error, "ctx", None)
    command = (
        context.command_path
        if context is not None
        else getattr(error, "command_path", None) or "evocalize"
    )
    hint = f" (see '{command} --help')" if isinstance(error, click_exceptions.UsageError) else ""
    typer.echo(f"{command}: {error.format_message()}{hint}", err=True)
    return error.exit_code
