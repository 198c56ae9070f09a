"""`evocalize fuzz`: hold an implementation of the API to openapi.yaml.

Without `--url` it fuzzes a fresh sandbox embedded in this process (a temporary database, a
random credential), so it works on a bare machine with nothing started. With `--url` it fuzzes
that server over HTTP, signed with the credential from the options or `EVOCALIZE_*`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from evocalize.fuzzing.options import (
    DEFAULT_MAX_EXAMPLES,
    DEFAULT_PROCESSES,
    DEFAULT_REPORT_DIR,
    PHASES,
    REPORT_FORMATS,
    FuzzOptions,
)
from evocalize.settings import AUTH_SCHEMES, KEY_ENV, KEY_ID_ENV

if TYPE_CHECKING:
    from evocalize.fuzzing.tally import FuzzTally


def _names(value: str, allowed: tuple[str, ...] | None, what: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in names if allowed is not None and name not in allowed]
    if unknown or not names:
        raise typer.BadParameter(
            f"{', '.join(unknown) or 'nothing'}: {what} must be among {', '.join(allowed or ())}"
        )
    return names


def fuzz_command(
    url: Annotated[
        str | None,
        typer.Option(help="Base URL of the implementation to fuzz; default: an embedded sandbox."),
    ] = None,
    key_id: Annotated[
        str | None,
        typer.Option("--key-id", envvar=KEY_ID_ENV, help="Client key id (with --url)."),
    ] = None,
    key: Annotated[
        str | None,
        typer.Option("--key", envvar=KEY_ENV, help="Client key (with --url).", show_default=False),
    ] = None,
    auth: Annotated[
        str, typer.Option(help=f"How requests are authenticated: {' or '.join(AUTH_SCHEMES)}.")
    ] = "signature",
    max_examples: Annotated[
        int,
        typer.Option(
            min=1,
            help=(
                "Generated cases per operation in the fuzzing phase, and the stateful phase's "
                "budget. It does not bound the coverage phase, which sends its own fixed set of "
                "boundary cases (tens per operation) whatever this says; for a "
                "quick run, leave it out: --phases examples,fuzzing,stateful."
            ),
        ),
    ] = DEFAULT_MAX_EXAMPLES,
    phases: Annotated[
        str, typer.Option(help=f"Comma-separated phases among {', '.join(PHASES)}.")
    ] = ",".join(PHASES),
    checks: Annotated[
        str, typer.Option(help="Comma-separated schemathesis checks; 'all' runs every one.")
    ] = "all",
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Concurrent workers (threads) in each process.")
    ] = 1,
    processes: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help=(
                "Processes that share the operations, each on a core of its own (and, "
                "without --url, a sandbox of its own); reports go to a folder per process. "
                "By default one per core, at most two."
            ),
        ),
    ] = DEFAULT_PROCESSES,
    seed: Annotated[int | None, typer.Option(help="Seed for a reproducible run.")] = None,
    operation: Annotated[
        list[str] | None,
        typer.Option("--operation", help="Fuzz only this operationId (repeatable)."),
    ] = None,
    report: Annotated[
        str | None,
        typer.Option(help=f"Write reports, comma-separated among {', '.join(REPORT_FORMATS)}."),
    ] = None,
    report_dir: Annotated[
        Path, typer.Option(help="Folder that receives the reports.")
    ] = DEFAULT_REPORT_DIR,
    max_failures: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many failures.")
    ] = None,
    spec: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help="Another OpenAPI document than the packaged one."
        ),
    ] = None,
    replay: Annotated[
        str | None,
        typer.Option(
            help=(
                "Replay a failure of an earlier run by the Test Case ID it printed: its "
                "requests again, signed for now, against a fresh embedded sandbox (or --url, "
                "or the URL that run fuzzed), and its checks again."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Fuzz an implementation of the Evocalize API against openapi.yaml with schemathesis.

    Every check runs in every phase (examples, coverage, fuzzing, stateful); each request is
    signed over the exact bytes sent. Exits 0 when nothing failed, 1 otherwise; the last line
    is the verdict (PASSED or FAILED). When stdout is not a terminal, a line per phase and
    operation shows progress.

    Example: evocalize fuzz --max-examples 5 --phases examples,fuzzing,stateful

    Example: evocalize fuzz --url http://127.0.0.1:8080 --key-id partner --key s3cret --report junit

    Example: evocalize fuzz --replay lqDTjB
    """
    if auth not in AUTH_SCHEMES:
        raise typer.BadParameter(f"must be one of {', '.join(AUTH_SCHEMES)}", param_hint="--auth")
    if replay is not None:
        raise typer.Exit(_replay(replay, url, key_id, key, auth, spec))
    try:
        options = FuzzOptions(
            max_examples=max_examples,
            phases=_names(phases, PHASES, "phases"),
            checks=_names(checks, None, "checks"),
            workers=workers,
            processes=processes,
            seed=seed,
            reports=_names(report, REPORT_FORMATS, "reports") if report else (),
            report_dir=report_dir,
            max_failures=max_failures,
            include_operation_ids=tuple(operation or ()),
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    raise typer.Exit(_run(options, url, key_id, key, auth, spec))


def _run(
    options: FuzzOptions,
    url: str | None,
    key_id: str | None,
    key: str | None,
    auth: str,
    spec: Path | None,
) -> int:
    if url is not None:
        key_id, key = _credential_for(url, key_id, key)
    if options.processes > 1:
        from evocalize.fuzzing.processes import fuzz_in_processes, shares_for

        shares = shares_for(options, spec)
        if len(shares) > 1:
            return fuzz_in_processes(
                shares, options, url=url, key_id=key_id, secret=key, auth=auth, spec=spec
            )
    return fuzz_target([options], url=url, key_id=key_id, key=key, auth=auth, spec=spec)


def fuzz_target(
    runs: list[FuzzOptions],
    *,
    url: str | None,
    key_id: str | None,
    key: str | None,
    auth: str,
    spec: Path | None,
    tallies: list[FuzzTally] | None = None,
) -> int:
    """Each of `runs` in turn against `url`, or one fresh embedded sandbox without it; returns
    the worst exit code. With `tallies`, each run counts into a tally of its own appended
    there, and prints no table or verdict (`evocalize.fuzzing.processes` merges them)."""
    # Heavy imports wait until the command runs, so the rest of the command line stays fast.
    from hypothesis.configuration import set_hypothesis_home_dir

    from evocalize.fuzzing.replay import cache_dir
    from evocalize.fuzzing.run import fuzz
    from evocalize.fuzzing.tally import FuzzTally

    # Hypothesis keeps its caches (`.hypothesis/`) in the working folder by default: they go
    # to the user's cache folder instead ($EVOCALIZE_FUZZ_CACHE overrides it).
    set_hypothesis_home_dir(cache_dir() / "hypothesis")

    def run_each(**target: Any) -> int:
        worst = 0
        for options in runs:
            tally = None
            if tallies is not None:
                tally = FuzzTally()
                tallies.append(tally)
            code = fuzz(
                **target,
                auth=auth,
                options=options,
                spec=spec,
                tally=tally,
                record_failures=True,
            )
            worst = max(worst, code)
        return worst

    if url is None:
        from evocalize_sandbox.embedded import embedded_sandbox
        from schemathesis.python.asgi import shutdown_lifespans

        with embedded_sandbox() as sandbox:
            typer.echo("Fuzzing an embedded sandbox (temporary database) in this process.")
            try:
                return run_each(key_id=sandbox.key_id, secret=sandbox.secret, app=sandbox.app)
            finally:
                # The sandbox's background worker stops before its database folder goes.
                shutdown_lifespans()
    return run_each(key_id=key_id, secret=key, url=url)


def _credential_for(url: str, key_id: str | None, key: str | None) -> tuple[str, str]:
    if not key_id or not key:
        raise typer.BadParameter(
            f"--url needs a credential: --key-id and --key, or {KEY_ID_ENV} and {KEY_ENV}"
        )
    if not url.startswith(("http://", "https://")):
        raise typer.BadParameter("must start with http:// or https://", param_hint="--url")
    return key_id, key


def _replay(
    case_id: str,
    url: str | None,
    key_id: str | None,
    key: str | None,
    auth: str,
    spec: Path | None,
) -> int:
    from evocalize.fuzzing.replay import load_record, replay, replay_sandbox

    try:
        record = load_record(case_id)
    except LookupError as error:
        raise typer.BadParameter(str(error), param_hint="--replay") from None
    spec = spec or (Path(record["spec"]) if record.get("spec") else None)
    url = url or record.get("url")
    if url is None:
        with replay_sandbox() as sandbox:
            return replay(
                record,
                key_id=sandbox.key_id,
                secret=sandbox.secret,
                app=sandbox.app,
                auth=auth,
                spec=spec,
            )
    key_id, key = _credential_for(url, key_id, key)
    return replay(record, key_id=key_id, secret=key, url=url, auth=auth, spec=spec)
