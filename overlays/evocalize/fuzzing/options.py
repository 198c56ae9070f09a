"""What a fuzz run is asked to do, and the schemathesis configuration that says it.

The defaults are the strictest run: every check schemathesis has, in every phase. A partner
narrows a run with options, never by editing the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from schemathesis.config import ReportFormat, SchemathesisConfig, SchemathesisWarning

PHASES = ("examples", "coverage", "fuzzing", "stateful")
REPORT_FORMATS = ("junit", "ndjson", "har")
DEFAULT_MAX_EXAMPLES = 100
DEFAULT_REPORT_DIR = Path("fuzz-reports")


@dataclass(frozen=True)
class FuzzOptions:
    max_examples: int = DEFAULT_MAX_EXAMPLES
    phases: tuple[str, ...] = PHASES
    # Check names as schemathesis knows them; "all" is every registered check.
    checks: tuple[str, ...] = ("all",)
    workers: int = 1
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
        unknown = [phase for phase in self.phases if phase not in PHASES]
        if unknown or not self.phases:
            raise ValueError(f"phases must be among {', '.join(PHASES)}, not {unknown or 'none'}")
        unknown = [report for report in self.reports if report not in REPORT_FORMATS]
        if unknown:
            raise ValueError(f"reports must be among {', '.join(REPORT_FORMATS)}, not {unknown}")


def schemathesis_config(options: FuzzOptions) -> SchemathesisConfig:
    """The configuration for `options`, on top of a `schemathesis.toml` found from the current
    folder upwards, as the schemathesis command line would read it."""
    config = SchemathesisConfig.discover()
    config.update(
        color=options.color,
        seed=options.seed,
        max_failures=options.max_failures,
        max_time=options.max_time,
    )
    config.reports.update(
        formats=[ReportFormat(name) for name in options.reports] or None,
        directory=options.report_dir,
    )
    override = config.projects.override
    override.update(workers=options.workers, request_timeout=options.request_timeout)
    # A refused credential makes every answer a documented 401 and every check pass: a run
    # where operations answered nothing but 401/403 fails instead of reporting conformance.
    override.warnings.fail_on = [*override.warnings.fail_on, SchemathesisWarning.MISSING_AUTH]
    override.phases.update(phases=list(options.phases))
    override.checks.update(included_check_names=list(options.checks))
    override.generation.update(max_examples=options.max_examples)
    return config
