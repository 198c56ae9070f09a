"""`evocalize push KIND FILE`: create or update any number of entries through a batch operation.

The whole file is read once before anything is sent: a line that cannot be read (not JSON, more
CSV cells than the header, a cell of the wrong type) is reported with its number, every such
line is, and nothing is sent, so an import is never half-applied. stdin is spooled to a
temporary file for that (in memory up to a few megabytes, on disk beyond).

Entries then stream from the file in batches of 1000 (the API's limit), four batches in flight;
each report is followed to its end, and every failed input is written, as a JSON line, to a file
that `push` takes again. Exit status 1 when any entry failed.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn

import typer
import typer.core
from typer._click import core as click_core
from typer._click.formatting import HelpFormatter

from evocalize.batches import BatchIncomplete, max_batch_size
from evocalize.client import OPERATIONS as ALL_OPERATIONS
from evocalize.spec import operation_spec

from .batch_progress import (
    POLL,
    CountedEntries,
    FailedInputs,
    batch_bar,
    report_summary,
)
from .columns import columns_help
from .common import Auth, Json, Key, KeyId, Url, connect, missing_path_params
from .entries import FORMATS, EntryError, entry_errors, entry_schema, guess_format, read_entries
from .failures import EXIT_FAILED, one_line

# How many unreadable lines `push` lists before it only counts the rest.
SHOWN_BAD_LINES = 20
# stdin stays in memory up to this size while it is checked, then goes to a temporary file.
SPOOL_IN_MEMORY = 8 * 1024 * 1024


class Kind(StrEnum):
    users = "users"
    groups = "groups"
    items = "items"
    media = "media"
    access = "access"
    grants = "grants"


# The batch operation behind each kind; a test holds it to every batch create of the spec.
OPERATIONS = {
    Kind.users: "createOrUpdateUserBatch",
    Kind.groups: "createOrUpdateGroupBatch",
    Kind.items: "createOrUpdateItemBatch",
    Kind.media: "createOrUpdateMediaBatch",
    Kind.access: "createOrUpdateAccessRecordBatch",
    Kind.grants: "upsertRepositoryGrantBatch",
}


class PushCommand(typer.core.TyperCommand):
    """`push`, whose `--help` after a KIND (`push users --help`) ends with KIND's CSV columns,
    read from the spec."""

    def parse_args(self, ctx: click_core.Context, args: list[str]) -> list[str]:
        ctx.meta["push_kind"] = self._kind(args)
        return super().parse_args(ctx, args)

    def _kind(self, args: list[str]) -> str | None:
        """The first argument that is not an option nor an option's value."""
        takes_value = {
            name
            for param in self.params
            if param.param_type_name == "option" and not getattr(param, "is_flag", False)
            for name in param.opts
        }
        words = iter(args)
        for word in words:
            if word in takes_value:
                next(words, None)
            elif not word.startswith("-"):
                return word
        return None

    def format_help(self, ctx: click_core.Context, formatter: HelpFormatter) -> None:
        super().format_help(ctx, formatter)
        kind = ctx.meta.get("push_kind")
        if isinstance(kind, str) and kind in Kind.__members__.values():
            spec = operation_spec(OPERATIONS[Kind(kind)])
            more = "\n" + columns_help(kind, entry_schema(spec))
        else:
            more = "\nThe CSV columns of a kind: evocalize push KIND --help (push users --help).\n"
        if formatter.getvalue():
            formatter.write(more)
        else:  # typer printed the help with rich, straight to stdout
            typer.echo(more, nl=False)


def _failed_path(file: str, failed: Path | None) -> Path:
    if failed is not None:
        return failed
    if file == "-":
        return Path("failed.jsonl")
    source = Path(file)
    return source.with_name(f"{source.stem}.failed.jsonl")


def push(
    kind: Annotated[Kind, typer.Argument(help="What the file holds.", show_default=False)],
    file: Annotated[str, typer.Argument(help="JSON lines or CSV; - for stdin.")],
    repository: Annotated[
        str | None,
        typer.Option("--repository", "-r", help="The repository (items, access, grants)."),
    ] = None,
    file_format: Annotated[
        str | None,
        typer.Option("--format", help="jsonl or csv (default: csv for *.csv, else jsonl)."),
    ] = None,
    failed: Annotated[
        Path | None,
        typer.Option("--failed", help="Where failed inputs go (default: FILE.failed.jsonl)."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Entries per batch (at most 1000).")
    ] = 1000,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, max=32, help="Batches in flight at once.")
    ] = 4,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Seconds to wait for each report.")
    ] = 3600.0,
    as_json: Json = False,
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
) -> None:
    """Push a file of entries in batches, follow every report and keep the failed inputs.

    The CSV columns of a kind, with an example: evocalize push KIND --help.

    Example: evocalize push items listings.csv --repository listings
    """
    operation = ALL_OPERATIONS[OPERATIONS[kind]]
    spec = operation_spec(operation.operation_id)
    params = {} if repository is None else {"repositoryId": repository}
    needs = missing_path_params(spec, params)
    if needs:
        raise typer.BadParameter(f"push {kind.value} needs --repository", param_hint="--repository")
    if repository is not None and "repositoryId" not in operation.path_params:
        raise typer.BadParameter(
            f"push {kind.value} takes no repository", param_hint="--repository"
        )
    chosen = file_format or guess_format(file)
    if chosen not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    if batch_size > max_batch_size():
        raise typer.BadParameter(
            f"the API takes at most {max_batch_size()} entries a batch", param_hint="--batch-size"
        )
    schema = entry_schema(spec)
    source = _readable_twice(file)
    try:
        _check_every_line(source, file, chosen, schema)
    except BaseException:
        source.close()
        raise
    failures = FailedInputs(_failed_path(file, failed))
    started = time.monotonic()
    try:
        counted = CountedEntries(read_entries(source, chosen, schema))
        with connect(url, key_id, key, auth) as ev, batch_bar(counted) as bar:
            summary = ev._submit_all(
                operation,
                [params[name] for name in operation.path_params],
                counted,
                chunk_size=batch_size,
                concurrency=concurrency,
                poll=replace(POLL, timeout=timeout),
                progress=bar,
                on_failure=failures,
                keep_failures=False,
            )
    except BatchIncomplete as stopped:
        _stopped(stopped, file, failures)
    finally:
        failures.close()
        source.close()
    again = f"evocalize push {kind.value} {failures.path}" + (
        f" --repository {repository}" if repository else ""
    )
    report_summary(summary, failures, started, as_json=as_json, again=again)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


def _readable_twice(file: str) -> IO[Any]:
    """The file, open for reading; stdin copied to a spooled temporary file, so that it can be
    checked and then pushed."""
    if file != "-":
        return open(file, encoding="utf-8", newline="")
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
        max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8", newline=""
    )
    shutil.copyfileobj(sys.stdin, spool)
    spool.seek(0)
    return spool


def _check_every_line(
    source: IO[Any], file: str, file_format: str, schema: Mapping[str, Any]
) -> None:
    """Exit 1, having sent nothing, when any line of the file cannot be read: one error a line
    (the first SHOWN_BAD_LINES, then a count). Leaves the file at its start."""
    shown: list[EntryError] = []
    count = 0
    for error in entry_errors(source, file_format, schema):
        count += 1
        if len(shown) < SHOWN_BAD_LINES:
            shown.append(error)
    source.seek(0)
    if not count:
        return
    for error in shown:
        typer.echo(f"error: {file}: {error}", err=True)
    if count > len(shown):
        typer.echo(f"error: {file}: and {count - len(shown):,} more bad lines", err=True)
    lines = "line" if count == 1 else "lines"
    typer.echo(f"{file}: {count:,} {lines} cannot be read; nothing was sent", err=True)
    raise typer.Exit(EXIT_FAILED)


def _stopped(stopped: BatchIncomplete, file: str, failures: FailedInputs) -> NoReturn:
    """One line saying why the run stopped and how to pick it up."""
    cause = stopped.__cause__
    if isinstance(cause, EntryError):
        reason = f"error: {file}: {cause}"
    else:
        reason = one_line(cause or stopped)
    sent = stopped.summary.total
    pending = " ".join(stopped.pending)
    resume = f"; follow the rest with: evocalize report wait {pending}" if pending else ""
    kept = f"; failed inputs so far in {failures.path}" if failures.count else ""
    typer.echo(f"{reason} (after {sent:,} entries were sent{resume}{kept})", err=True)
    raise typer.Exit(EXIT_FAILED)
