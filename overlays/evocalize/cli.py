"""The `evocalize` command line: one command per daily job of a partner engineer.

Commands live in `evocalize.commands`, one module per group; this module only mounts them on
the root group, whose `main` prints failures as one line (`commands/failures.py`). The sandbox
and the fuzzer come with extras: their subcommands are mounted lazily (`commands/lazy.py`), so
importing the command line imports neither, and each names its extra when it is missing.
"""

from __future__ import annotations

import typer

from evocalize._version import __version__
from evocalize.client import OPERATIONS
from evocalize.commands import audience, links, push, report, webhook
from evocalize.commands.lazy import LazySubcommand, lazy_group
from evocalize.commands.operations import call, list_

# Mounted after the commands below, in this order; imported only when run.
LAZY_SUBCOMMANDS = (
    LazySubcommand(
        name="fuzz",
        target="evocalize.fuzzing.command:fuzz_command",
        extra="fuzz",
        help="Fuzz an implementation of the Evocalize API against openapi.yaml with "
        "schemathesis.\n\nExample: evocalize fuzz --max-examples 5",
    ),
    LazySubcommand(
        name="sandbox",
        target="evocalize_sandbox.cli:sandbox_app",
        extra="sandbox",
        help="Run the offline Evocalize sandbox, or send it leads to deliver.\n\n"
        "Example: evocalize sandbox --port 8080 --client partner:s3cret",
    ),
)

app = typer.Typer(
    cls=lazy_group(*LAZY_SUBCOMMANDS),
    help="Toolkit for the Evocalize partner management API.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    """Toolkit for the Evocalize partner management API.

    Connection: --url, --key-id, --key and --auth on each command, or EVOCALIZE_BASE_URL,
    EVOCALIZE_CLIENT_KEY_ID, EVOCALIZE_CLIENT_KEY and EVOCALIZE_AUTH.
    """


@app.command()
def operations() -> None:
    """List every operation of the API: its tag and method in Python (`ev.TAG.METHOD`), its
    operationId and its summary; `evocalize call` and `evocalize list` take either name.

    Example: evocalize operations
    """
    for op in sorted(OPERATIONS.values(), key=lambda op: (op.tag, op.name)):
        typer.echo(f"{op.tag:<18} {op.name:<36} {op.operation_id:<34} {op.summary}")


app.command()(call)
app.command("list")(list_)
app.command(cls=push.PushCommand)(push.push)
app.add_typer(report.app, name="report")
app.add_typer(audience.app, name="audience")
app.add_typer(links.app, name="link")
app.command("sso-url")(links.sso_url_command)
app.add_typer(webhook.app, name="webhook")


def main() -> None:
    app()
