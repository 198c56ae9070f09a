"""Per-operation counts of a fuzz run: requests sent and failures by check, in every phase.

Schemathesis reports by phase and by failure; a partner reading a run also wants to see that
every operation was reached and how hard it was exercised. The tally listens to the same
engine events as schemathesis's own output, and tests read it to assert which check caught what.

It also says the run's verdict, after its table, as the very last line: `PASSED` or `FAILED`, with
the operations, requests, failures and time (`verdict()`), so that the end of a log answers
whether the run passed.
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
        # Set at shutdown from the run's context: schemathesis's exit code and failure counts.
        self.exit_code: int | None = None
        self.failure_count = 0
        self.error_count = 0

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
        self.exit_code = int(getattr(ctx, "exit_code", 0) or 0)
        statistic = getattr(ctx, "statistic", None)
        self.failure_count = int(getattr(statistic, "total_failures", 0) or 0)
        self.error_count = len(getattr(ctx, "errors", ()) or ())
        self.print_summary()

    def print_summary(self) -> None:
        """The table, then the verdict line, on the console (if the tally has one)."""
        if self.console is None:
            return
        if self.operations:
            self.console.print(self._table())
        self.console.print(self.verdict(), highlight=False, markup=False, soft_wrap=True)

    def _table(self) -> Table:
        ran = {phase for tally in self.operations.values() for phase in tally.requests}
        phases = [phase for phase in PHASES if phase in ran]
        table = Table(title="Requests per operation and phase", title_justify="left")
        table.add_column("operation", no_wrap=True)
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
        return table

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    def verdict(self) -> str:
        """`PASSED: 50 operations, 8686 requests, 0 failures in 110.1 s`, or `FAILED: ...` with
        the checks that failed, the errors, or the exit code when nothing else says why."""
        counts = (
            f"{_plural(len(self.operations), 'operation')}, "
            f"{_plural(self.total_requests, 'request')}, "
            f"{_plural(self.failure_count, 'failure')}"
        )
        if self.error_count:
            counts += f", {_plural(self.error_count, 'error')}"
        line = f"{'PASSED' if self.passed else 'FAILED'}: {counts} in {self.elapsed:.1f} s"
        failed = Counter[str]()
        for tally in self.operations.values():
            failed.update(tally.failures)
        if failed:
            # The checks, not their counts: a check fails on every request of a failure that
            # is being shrunk, while the count before is of distinct failures.
            line += " (" + ", ".join(name for name, _ in failed.most_common()) + ")"
        elif not self.passed and not self.error_count:
            line += f" (exit code {self.exit_code}; see the warnings above)"
        return line


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _operation_name(case: Any) -> str:
    operation = case.operation
    return str(operation.definition.raw.get("operationId") or operation.label)
