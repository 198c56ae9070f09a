"""Runs schemathesis's engine over a signed schema and reports through its own handlers.

Schemathesis's command line takes only a URL; to fuzz an app in process as well, this feeds the
engine's events to the same output and report handlers that `schemathesis run` uses, so a
partner sees the display, the `curl` line for each failure and the reports they know, plus the
per-operation tally.
"""

from __future__ import annotations

import sys
from collections.abc import Generator
from typing import Any

from rich.console import Console
from schemathesis.cli.commands.run.context import ExecutionContext
from schemathesis.cli.commands.run.handlers.base import EventHandler
from schemathesis.cli.commands.run.handlers.output import OutputHandler
from schemathesis.cli.events import LoadingFinished, LoadingStarted
from schemathesis.cli.executor import execute_event_loop
from schemathesis.engine import events, from_schema
from schemathesis.schemas import BaseSchema

from evocalize.fuzzing.progress import PlainProgress
from evocalize.fuzzing.replay import FailureRecorder
from evocalize.fuzzing.tally import FuzzTally
from evocalize.spec import document_operations


class _Handlers(EventHandler[Any]):
    """Schemathesis's output, then the tally: one output handler as the event loop expects."""

    def __init__(self, *handlers: EventHandler[Any]) -> None:
        self.handlers = handlers

    def start(self, ctx: Any) -> None:
        for handler in self.handlers:
            handler.start(ctx)

    def handle_event(self, ctx: Any, event: events.EngineEvent) -> None:
        for handler in self.handlers:
            handler.handle_event(ctx, event)

    def shutdown(self, ctx: Any) -> None:
        for handler in self.handlers:
            handler.shutdown(ctx)


class _OptionalLinkValues(EventHandler[Any]):
    """Drops the "Could not resolve parameter" notes for link values that are rightly absent.

    A `nextPage` link feeds `$response.body#/nextPageToken` to `pageToken`; the last page of
    every listing has no next token, and the optional parameter is then simply not sent.
    Schemathesis notes each such step as "Failed to extract data from response". A note stays
    when the value feeds a required parameter (a path parameter, say) or when evaluating the
    expression failed; whether the answer holds what its schema requires is checked anyway
    (`response_schema_conformance`)."""

    def __init__(self, schema: BaseSchema) -> None:
        document = dict(schema.raw_schema)
        self.optional = {
            (f"{op.method.upper()} {op.path}", str(parameter["name"]))
            for op in document_operations(document)
            for parameter in op.parameters
            if not parameter.get("required")
        }

    def handle_event(self, ctx: Any, event: events.EngineEvent) -> None:
        if not isinstance(event, events.EngineFinished):
            return
        statistic = ctx.statistic
        statistic.extraction_failures = [
            failure
            for failure in statistic.extraction_failures
            if failure.error is not None
            or (failure.target, failure.parameter_name) not in self.optional
        ]


def run_schema(
    schema: BaseSchema,
    *,
    location: str,
    tally: FuzzTally | None = None,
    progress: bool | None = None,
    replays: FailureRecorder | None = None,
) -> int:
    """Fuzzes with `schema`'s configuration; returns the exit code schemathesis would (0: no
    failure). `progress` prints a line per phase and operation (default: when stdout is not a
    terminal, where schemathesis shows no live progress). `replays` records each failure for
    `evocalize fuzz --replay` and says how to replay it. The tally prints last: its table, then
    the verdict line."""
    config = schema.config
    if tally is None:
        console = Console()
        if not console.is_terminal:
            # Piped or in CI, rich assumes 80 columns, too few for the table's operationIds.
            console.width = max(console.width, 120)
        tally = FuzzTally(console)
    if progress is None:
        progress = not sys.stdout.isatty()
    handlers: list[EventHandler[Any]] = [_OptionalLinkValues(schema), OutputHandler(config=config)]
    if progress:
        names = {
            f"{op.method.upper()} {op.path}": op.operation_id
            for op in document_operations(dict(schema.raw_schema))
        }
        handlers.append(PlainProgress(schema.statistic.operations.selected, names))
    if replays is not None:
        handlers.append(replays)
    output = _Handlers(*handlers, tally)
    try:
        execute_event_loop(
            _event_stream(schema, location),
            config=config,
            args=[],
            params={},
            output_handler=output,
            context_factory=lambda cfg: ExecutionContext(config=cfg, startup_warnings=[]),
        )
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return 0


def _event_stream(schema: BaseSchema, location: str) -> Generator[events.EngineEvent, None, None]:
    started = LoadingStarted(location=location)
    yield started
    yield LoadingFinished.from_schema(
        schema, location=location, start_time=started.timestamp, base_url=schema.get_base_url()
    )
    yield from from_schema(schema).execute()
