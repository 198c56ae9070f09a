"""`evocalize report show|wait|errors REPORT_ID`: the batch reports a push left behind.

Reports are read with the operations every batch operation links to in the spec (its report
and its report's errors), so nothing here names them.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from evocalize_client.models import BatchItemError

from evocalize._batch_backend import OperationBatches, entry_error
from evocalize.batches import BatchFailure, follow_reports
from evocalize.client import OPERATIONS, Evocalize

from .batch_progress import POLL, FailedInputs, batch_bar, describe_failure, report_summary
from .common import Auth, Json, Key, KeyId, Url, connect, print_json, print_json_lines
from .failures import EXIT_FAILED

app = typer.Typer(
    help="Read batch reports: counts, failures, or wait for the end.\n\n"
    "Example: evocalize report wait 6f1c2a3b"
)

ReportId = Annotated[str, typer.Argument(help="The reportId a batch answered with.")]


def _any_batch_operation() -> str:
    # Every batch operation links to the same report operations.
    return next(op.operation_id for op in OPERATIONS.values() if op.report)


def _report_ids() -> tuple[str, str]:
    report = OPERATIONS[_any_batch_operation()].report
    assert report is not None
    return report


def report_backend(ev: Evocalize) -> OperationBatches:
    """A backend that only reads reports (it is never asked to submit)."""
    return OperationBatches(ev, OPERATIONS[_any_batch_operation()], ())


@app.command()
def show(
    report_id: ReportId,
    as_json: Json = False,
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
) -> None:
    """Print how far a batch got.

    Example: evocalize report show 6f1c2a3b
    """
    with connect(url, key_id, key, auth) as ev:
        report = ev.call(_report_ids()[0], reportId=report_id)
    if as_json:
        print_json(report)
        return
    state = "completed" if report.is_completed else f"{report.remaining_items:,} remaining"
    typer.echo(
        f"{report_id}: {report.total_items:,} entries, {report.successful_items:,} succeeded, "
        f"{report.error_items:,} failed ({state})"
    )


@app.command()
def wait(
    report_ids: Annotated[list[str], typer.Argument(help="One or more reportIds.")],
    failed: Annotated[
        Path | None, typer.Option("--failed", help="Write failed inputs here, as JSON lines.")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Seconds to wait for each report.")
    ] = 3600.0,
    as_json: Json = False,
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
) -> None:
    """Follow reports until they complete, with a progress bar; exit 1 if any entry failed.

    Example: evocalize report wait 6f1c2a3b 7a0d9e4c --failed failed.jsonl
    """
    failures = FailedInputs(failed)
    started = time.monotonic()
    try:
        with connect(url, key_id, key, auth) as ev, batch_bar(None) as bar:
            summary = follow_reports(
                report_ids,
                report_backend(ev),
                poll=replace(POLL, timeout=timeout),
                progress=bar,
                on_failure=failures,
                keep_failures=False,
            )
    finally:
        failures.close()
    report_summary(
        summary, failures, started, as_json=as_json, again=f"evocalize push KIND {failed}"
    )
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def errors(
    report_id: ReportId,
    as_json: Json = False,
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
) -> None:
    """List every failed entry of a report with its code and message.

    Example: evocalize report errors 6f1c2a3b --json > failures.jsonl
    """
    with connect(url, key_id, key, auth) as ev:
        listed = ev.batch_reports.list_batch_report_errors(report_id)
        if as_json:
            print_json_lines(listed)
            return
        for error in listed:
            typer.echo(describe_failure_of(error))


def describe_failure_of(error: BatchItemError) -> str:
    entry = entry_error(error)
    return describe_failure(BatchFailure(entry.input, entry.message, entry.code))
