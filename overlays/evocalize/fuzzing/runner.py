"""Runs schemathesis's engine over a signed schema and reports through its own handlers.

Schemathesis's command line takes only a URL; to fuzz an app in process as well, this feeds the
engine's events to the same output and report handlers that `schemathesis run` uses, so a
partner sees the display, the `curl` line for each failure and the reports they know, plus the
per-operation tally.
"""

from __future__ import annotations

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

from evocalize.fuzzing.tally import FuzzTally


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


def run_schema(schema: BaseSchema, *, location: str, tally: FuzzTally | None = None) -> int:
    """Fuzzes with `schema`'s configuration; returns the exit code schemathesis would (0: no
    failure)."""
    config = schema.config
    tally = tally or FuzzTally(Console())
    output = _Handlers(OutputHandler(config=config), tally)
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
