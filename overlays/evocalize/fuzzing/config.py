"""The schemathesis configuration that says what a `FuzzOptions` asks for."""

from __future__ import annotations

from schemathesis.config import CacheConfig, ReportFormat, SchemathesisConfig, SchemathesisWarning

from evocalize.fuzzing.options import FuzzOptions


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
    # The credential headers come from the signing auth, as a real client's do; generated
    # values for them are noise (requests refuses to send some, such as control characters),
    # and the auth checks send requests without them anyway.
    override.generation.update(max_examples=options.max_examples, with_security_parameters=False)
    # A run depends on its seed alone, and leaves nothing in the working folder: no example
    # database (`.hypothesis/`) and no schemathesis cache (`.schemathesis/`, whose crash files
    # `st replay` cannot use for a run in process); failures are recorded for
    # `evocalize fuzz --replay` instead. A `schemathesis.toml` that sets them keeps its own.
    # Through `update()`: a value assigned directly is not merged into the operations' settings,
    # which then kept a database, replayed its examples and shrank its pareto front (a quarter
    # of a default run's time).
    if config.projects.get_default().generation.database is None:
        override.generation.update(database="none")
    if config.cache.enabled and config.cache.directory is None:
        config.cache = CacheConfig(enabled=False)
    return config
