"""Runs schemathesis's engine over a signed schema and reports through its own handlers.

Schemathesis's command line takes only a URL; to fuzz an app in process as well, this feeds the
engine's events to the same output and report handlers that `schemathesis run` uses, so a
partner sees the display, the `curl` line for each failure and the reports they know, plus the
per-operation tally.
"""

from __future__ import annotations

import re
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
from evocalize.spec import document_operations, resolve


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
    """Drops the "Could not resolve ..." notes for link values that are rightly absent.

    A `nextPage` link feeds `$response.body#/nextPageToken` to `pageToken`; the last page of
    every listing has no next token, and the optional parameter is then simply not sent. A
    link that orders for a created user takes its group from `$response.body#/data/groups/0/id`;
    a user created without groups has none, and there is nothing to order for. Schemathesis
    notes each such step as "Failed to extract data from response". A note is dropped when the
    value is absent (evaluating the expression did not fail) and either it feeds an optional
    parameter or the answer's schema does not require the place it points to (an optional
    field, or an item of an array); whether an answer holds what its schema requires is checked
    anyway (`response_schema_conformance`)."""

    def __init__(self, schema: BaseSchema) -> None:
        self.document = dict(schema.raw_schema)
        self.operations = {
            f"{op.method.upper()} {op.path}": op for op in document_operations(self.document)
        }
        self.optional = {
            (label, str(parameter["name"]))
            for label, op in self.operations.items()
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
            if not self._rightly_absent(failure)
        ]

    def _rightly_absent(self, failure: Any) -> bool:
        if failure.error is not None:
            return False
        if (failure.target, failure.parameter_name) in self.optional:
            return True
        source = self.operations.get(failure.source)
        if source is None:
            return False
        answer = resolve(
            source.node.get("responses", {}).get(str(failure.response.status_code), {}),
            self.document,
        )
        body = answer.get("content", {}).get("application/json", {}).get("schema", {})
        pointers = _BODY_POINTER.findall(str(failure.expression))
        return any(not _required(body, pointer, self.document) for pointer in pointers)


# `$response.body#/data/groups/0/id` in a link's parameter or (JSON) body template.
_BODY_POINTER = re.compile(r"\$response\.body#(/[^\"'\s,}]*)")


def _required(schema: Any, pointer: str, document: dict[str, Any]) -> bool:
    """Whether `schema` requires a value at the JSON `pointer` (an array's items never are)."""
    for part in pointer.strip("/").split("/"):
        schema = resolve(schema, document)
        if not isinstance(schema, dict):
            return False
        properties = schema.get("properties")
        if not isinstance(properties, dict) or part not in properties:
            return False
        if part not in schema.get("required", ()):
            return False
        schema = properties[part]
    return True


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
