"""What a fuzz run is asked to do. Light to import: the command line reads it before anything
of schemathesis loads.

The defaults are the strictest run: every check schemathesis has, in every phase. A partner
narrows a run with options, never by editing the checks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PHASES = ("examples", "coverage", "fuzzing", "stateful")
REPORT_FORMATS = ("junit", "ndjson", "har")
DEFAULT_MAX_EXAMPLES = 100
DEFAULT_REPORT_DIR = Path("fuzz-reports")
# `evocalize fuzz` shares a run between processes, one per core this process may use: two
# halve a run on two cores; more gain less, as the stateful phase runs in one of them.
DEFAULT_PROCESSES = min(
    2,
    len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
)


@dataclass(frozen=True)
class FuzzOptions:
    max_examples: int = DEFAULT_MAX_EXAMPLES
    phases: tuple[str, ...] = PHASES
    # Check names as schemathesis knows them; "all" is every registered check.
    checks: tuple[str, ...] = ("all",)
    workers: int = 1
    # Processes that share the operations (`evocalize.fuzzing.processes`); `workers` are
    # threads within each.
    processes: int = 1
    seed: int | None = None
    reports: tuple[str, ...] = ()
    report_dir: Path = DEFAULT_REPORT_DIR
    max_failures: int | None = None
    # Stop each phase after this many seconds (fuzzing and stateful repeat until it is spent).
    max_time: int | None = None
    # `True`/`False` forces colour on or off; `None` lets rich decide from the terminal.
    color: bool | None = None
    request_timeout: float | None = 10.0
    include_operation_ids: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.max_examples < 1:
            raise ValueError("max_examples must be at least 1")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.processes < 1:
            raise ValueError("processes must be at least 1")
        unknown = [phase for phase in self.phases if phase not in PHASES]
        if unknown or not self.phases:
            raise ValueError(f"phases must be among {', '.join(PHASES)}, not {unknown or 'none'}")
        unknown = [report for report in self.reports if report not in REPORT_FORMATS]
        if unknown:
            raise ValueError(f"reports must be among {', '.join(REPORT_FORMATS)}, not {unknown}")
