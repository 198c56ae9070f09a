"""Progress for a run whose output is not a terminal (CI, `| tee`, a file).

On a terminal, schemathesis draws live progress bars; elsewhere it prints a phase only once it
is over, which leaves minutes without a line. This handler prints a line when each phase starts,
one per operation as each unit phase (examples, coverage, fuzzing) finishes with it, and for
the stateful phase a line every few seconds, so that a log shows where the run is.
"""

from __future__ import annotations

import time
from typing import Any

import click
from schemathesis.cli.commands.run.handlers.base import EventHandler
from schemathesis.engine import Status, events
from schemathesis.engine.run import INTERNAL_PHASES, PhaseName

_STATUS = {
    Status.SUCCESS: "passed",
    Status.FAILURE: "FAILED",
    Status.ERROR: "ERROR",
    Status.SKIP: "skipped",
    Status.INTERRUPTED: "interrupted",
}
# At most one stateful line in this many seconds.
STATEFUL_INTERVAL = 5.0


class PlainProgress(EventHandler[Any]):
    """Prints progress lines with `click.echo`, as schemathesis's own output does."""

    def __init__(
        self,
        operations: int,
        names: dict[str, str] | None = None,
        interval: float = STATEFUL_INTERVAL,
    ) -> None:
        self.operations = operations
        # Schemathesis's labels (`GET /path`) -> operationIds.
        self.names = names or {}
        self.interval = interval
        self._done = 0
        self._phase_started = 0.0
        self._scenarios = 0
        self._last_line = 0.0

    def handle_event(self, ctx: Any, event: events.EngineEvent) -> None:
        if isinstance(event, events.PhaseStarted):
            if event.phase.name in INTERNAL_PHASES or not event.phase.is_enabled:
                return
            self._done = self._scenarios = 0
            self._phase_started = self._last_line = time.monotonic()
            _echo(f"{event.phase.name.value}: started ({_plural(self.operations, 'operation')})")
        elif isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            if event.phase is PhaseName.STATEFUL_TESTING:
                self._scenarios += 1
                now = time.monotonic()
                if now - self._last_line >= self.interval:
                    self._last_line = now
                    _echo(
                        f"stateful: {_plural(self._scenarios, 'scenario')} so far "
                        f"({now - self._phase_started:.0f} s)"
                    )
                return
            if not event.label:
                return
            self._done += 1
            requests = len(event.recorder.interactions)
            _echo(
                f"{event.phase.value} {self._done}/{self.operations}: "
                f"{self.names.get(event.label, event.label)}: "
                f"{_plural(requests, 'request')}, {_STATUS.get(event.status, event.status.name)} "
                f"({event.elapsed_time:.1f} s)"
            )
        elif isinstance(event, events.PhaseFinished):
            if event.phase.name in INTERNAL_PHASES or not event.phase.is_enabled:
                return
            elapsed = time.monotonic() - self._phase_started
            extra = (
                f", {_plural(self._scenarios, 'scenario')}"
                if event.phase.name is PhaseName.STATEFUL_TESTING
                else ""
            )
            _echo(
                f"{event.phase.name.value}: {_STATUS.get(event.status, event.status.name)}"
                f"{extra} in {elapsed:.1f} s"
            )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _echo(line: str) -> None:
    click.echo(line)
