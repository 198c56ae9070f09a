"""The `evocalize` command line. It grows one command per job; today it tells its version and
the operations that the installed client offers."""

from __future__ import annotations

import typer
from evocalize_sandbox.cli import sandbox_app

from evocalize import __version__
from evocalize.fuzzing.command import fuzz_command
from evocalize.operations import generated_operations

app = typer.Typer(
    help="Toolkit for the Evocalize partner management API.",
    no_args_is_help=True,
    add_completion=False,
)

app.add_typer(sandbox_app, name="sandbox")
app.command("fuzz")(fuzz_command)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"evocalize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Toolkit for the Evocalize partner management API."""


@app.command()
def operations() -> None:
    """List every operation of the API, by tag, as the generated client names it.

    Example: evocalize operations
    """
    for op in generated_operations():
        typer.echo(f"{op.tag:<20} {op.name:<40} {op.summary}")


def main() -> None:
    app()
