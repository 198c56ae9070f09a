"""Per-operation counts of a fuzz run: requests sent and failures by check, in every phase.

Schemathesis reports by phase and by failure; a partner reading a run also wants to see that
every operation was reached and how hard it was exercised. The tally listens to the same
engine events as schemathesis's own output, and tests read it to assert which check caught what.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table
from schemathesis.cli.commands.run.handlers.base import EventHandler
from schemathesis.engine import Status, events

from evocalize.fuzzing.options import PHASES


@dataclass
class OperationTally:
    # Requests sent, by phase.
    requests: Counter[str] = field(default_factory=Counter)
    # Failed checks by name (one count per failing request).
    failures: Counter[str] = field(default_factory=Counter)


class FuzzTally(EventHandler[Any]):
    """Collects an `OperationTally` per operationId (or label, `GET /path`, where none)."""

    def __init__(self, console: Console | None = None) -> None:
        self.operations: defaultdict[str, OperationTally] = defaultdict(OperationTally)
        self.console = console
        self.elapsed = 0.0

    def handle_event(self, ctx: Any, event: events.EngineEvent) -> None:
        if isinstance(event, events.EngineFinished):
            self.elapsed = event.running_time
            return
        if not isinstance(event, (events.ScenarioFinished, events.FuzzScenarioFinished)):
            return
        phase = event.phase.value if isinstance(event, events.ScenarioFinished) else "fuzzing"
        recorder = event.recorder
        for case_id in recorder.interactions:
            self.operations[_operation_name(recorder.cases[case_id].value)].requests[phase] += 1
        for case_id, checks in recorder.checks.items():
            label = _operation_name(recorder.cases[case_id].value)
            for check in checks:
                if check.status == Status.FAILURE:
                    self.operations[label].failures[check.name] += 1

    @property
    def total_requests(self) -> int:
        return sum(sum(tally.requests.values()) for tally in self.operations.values())

    def failed_checks(self) -> dict[str, set[str]]:
        """Operation -> names of the checks that failed on it."""
        return {
            label: set(tally.failures) for label, tally in self.operations.items() if tally.failures
        }

    def shutdown(self, ctx: Any) -> None:
        if self.console is None or not self.operations:
            return
        ran = {phase for tally in self.operations.values() for phase in tally.requests}
        phases = [phase for phase in PHASES if phase in ran]
        table = Table(title="Requests per operation and phase", title_justify="left")
        table.add_column("operation")
        for phase in phases:
            table.add_column(phase, justify="right")
        table.add_column("failed checks")
        for label in sorted(self.operations):
            tally = self.operations[label]
            failed = ", ".join(f"{name} x{count}" for name, count in tally.failures.most_common())
            table.add_row(
                label,
                *(str(tally.requests[phase]) for phase in phases),
                f"[red]{failed}[/red]" if failed else "[green]none[/green]",
            )
        self.console.print(table)
        rate = self.total_requests / self.elapsed if self.elapsed else 0.0
        self.console.print(
            f"{len(self.operations)} operations, {self.total_requests} requests "
            f"in {self.elapsed:.1f} s ({rate:.0f} requests/s)"
        )


def _operation_name(case: Any) -> str:
    operation = case.operation
    return str(operation.definition.raw.get("operationId") or operation.label)
