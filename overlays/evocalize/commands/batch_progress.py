"""What `push` and `report wait` share: a live progress bar of a batch run, the file of failed
inputs, and the summary printed at the end."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from evocalize.batches import BatchFailure, BatchProgressEvent, BatchSummary, PollPolicy

from .common import jsonable, print_json, stderr

# The sandbox and the API process a batch in seconds: poll soon, then back off.
POLL = PollPolicy(initial=0.2, factor=1.5, max_delay=5.0)
SHOWN_FAILURES = 5


class CountedEntries:
    """Entries passed through, counted, so the bar learns its total once the input ends."""

    def __init__(self, entries: Iterable[Any]) -> None:
        self._entries = entries
        self.read = 0
        self.exhausted = False

    def __iter__(self) -> Iterator[Any]:
        for entry in self._entries:
            self.read += 1
            yield entry
        self.exhausted = True


class BatchBar:
    """Two bars on stderr: entries submitted and entries processed (refused batches count as
    both), against the input's size once known."""

    def __init__(self, progress: Progress, counted: CountedEntries | None) -> None:
        self._progress = progress
        self._counted = counted
        self._submitted: TaskID = progress.add_task("submitted", total=None)
        self._processed: TaskID = progress.add_task("processed", total=None)

    def __call__(self, event: BatchProgressEvent) -> None:
        total = None
        if self._counted is not None and self._counted.exhausted:
            total = self._counted.read
        elif self._counted is None:
            total = event.submitted + event.refused
        self._progress.update(
            self._submitted, completed=event.submitted + event.refused, total=total
        )
        self._progress.update(
            self._processed,
            completed=event.processed + event.refused,
            total=total,
            description=f"processed ({event.failed:,} failed)" if event.failed else "processed",
        )


@contextmanager
def batch_bar(counted: CountedEntries | None) -> Iterator[BatchBar]:
    columns = (
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=stderr, transient=False) as progress:
        yield BatchBar(progress, counted)


@dataclass
class FailedInputs:
    """Writes each failed entry's input as a JSON line to `path` (created on the first failure),
    ready to be pushed again, and keeps the first few failures to show."""

    path: Path | None
    count: int = 0
    first: list[BatchFailure] = field(default_factory=list)
    _file: IO[str] | None = None

    def __call__(self, failure: BatchFailure) -> None:
        self.count += 1
        if len(self.first) < SHOWN_FAILURES:
            self.first.append(failure)
        if self.path is None:
            return
        if self._file is None:
            self._file = self.path.open("w", encoding="utf-8")
        self._file.write(json.dumps(jsonable(failure.input), ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def describe_failure(failure: BatchFailure) -> str:
    code = f"{failure.code}: " if failure.code else ""
    return f"{code}{failure.message} (input {json.dumps(jsonable(failure.input))[:120]})"


def report_summary(
    summary: BatchSummary, failed: FailedInputs, started: float, *, as_json: bool, again: str
) -> None:
    """Prints the outcome; `again` is the command that pushes the failed inputs again."""
    seconds = time.monotonic() - started
    if as_json:
        print_json(
            {
                "total": summary.total,
                "submitted": summary.submitted,
                "succeeded": summary.succeeded,
                "failed": summary.failed,
                "refused": summary.refused,
                "reportIds": list(summary.report_ids),
                "failedInputs": str(failed.path) if failed.path and failed.count else None,
                "seconds": round(seconds, 3),
            }
        )
    else:
        rate = summary.total / seconds if seconds > 0 else 0.0
        typer.echo(
            f"{summary.total:,} entries: {summary.succeeded:,} succeeded, {summary.failed:,} "
            f"failed, in {len(summary.report_ids):,} batches ({seconds:.1f} s, {rate:,.0f}/s)"
        )
        for failure in failed.first:
            typer.echo(f"  {describe_failure(failure)}")
        if failed.count > len(failed.first):
            typer.echo(f"  and {failed.count - len(failed.first):,} more")
    if failed.path is not None and failed.count:
        typer.echo(
            f"Failed inputs written to {failed.path}; push them again with: {again}", err=True
        )
