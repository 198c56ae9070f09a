"""Replaying a failure of a fuzz run: `evocalize fuzz --replay ID`.

Schemathesis's own advice does not work for our runs: `st replay` finds no crash file for a run
in process, and its `curl` lines carry signatures bound to the second they were sent (and name
`http://testserver` for an embedded sandbox). So each run records, for every failing case, the
requests that lead to it (the case and, in the stateful phase, the steps before it) under the
ID schemathesis prints ("Test Case ID"). A replay sends the same requests again, each signed
for now, to a fresh embedded sandbox (or to `--url`, or to the URL the run fuzzed), and runs
the checks on the answers again, the stateful ones included.

Checks that judge a request by how it was generated (`positive_data_acceptance`,
`negative_data_rejection` and the like) cannot be re-judged from the request alone: the replay
shows the recorded failure beside the new answers for those.

The records live in `$EVOCALIZE_FUZZ_CACHE/replays` (default: the user's cache folder,
`~/.cache/evocalize/fuzz`), never in the working folder.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import requests
from schemathesis.cli.commands.run.handlers.base import EventHandler
from schemathesis.core import NOT_SET
from schemathesis.core.failures import FailureGroup
from schemathesis.engine import Status, events
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import ignored_auth

from evocalize.fuzzing.requests_auth import RequestsKeyAuth
from evocalize.signing import KEY_ID_HEADER

CACHE_ENV = "EVOCALIZE_FUZZ_CACHE"
FORMAT = 1


def cache_dir() -> Path:
    """Where fuzz runs keep what outlives them: `$EVOCALIZE_FUZZ_CACHE`, else the user's cache
    folder (`$XDG_CACHE_HOME/evocalize/fuzz`, `~/.cache/evocalize/fuzz`)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "evocalize" / "fuzz"


def replay_dir() -> Path:
    return cache_dir() / "replays"


class FailureRecorder(EventHandler[Any]):
    """Writes a replay record for each failing case, and says how to replay them at the end."""

    def __init__(self, *, url: str | None, spec: str | None, directory: Path | None = None) -> None:
        self.url = url
        self.spec = spec
        self.directory = directory or replay_dir()
        self.recorded: list[str] = []
        self.unwritable: str | None = None

    def handle_event(self, ctx: Any, event: events.EngineEvent) -> None:
        if isinstance(event, (events.ScenarioFinished, events.FuzzScenarioFinished)):
            self._record(event.recorder)

    def _record(self, recorder: ScenarioRecorder) -> None:
        for case_id, checks in recorder.checks.items():
            failed = [check for check in checks if check.status == Status.FAILURE]
            if not failed or case_id in self.recorded or case_id not in recorder.cases:
                continue
            record = {
                "format": FORMAT,
                "id": case_id,
                "url": self.url,
                "spec": self.spec,
                "steps": [
                    _step(recorder, step_id) for step_id in _steps(recorder, case_id, failed)
                ],
                "failures": [
                    {
                        "check": check.name,
                        "title": check.failure_info.failure.title if check.failure_info else "",
                        "message": check.failure_info.failure.message if check.failure_info else "",
                    }
                    for check in failed
                ],
            }
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                path = self.directory / f"{case_id}.json"
                path.write_text(json.dumps(record, indent=1, default=_encode), encoding="utf-8")
            except (OSError, TypeError, ValueError) as error:
                self.unwritable = str(error)
                continue
            self.recorded.append(case_id)

    def shutdown(self, ctx: Any) -> None:
        if self.unwritable:
            click.echo(f"Could not record a failure for replay: {self.unwritable}")
        # Schemathesis shows one case per distinct failure: the advice names those, and the
        # records of the others (repeats of the same failure while shrinking) go.
        failures = getattr(getattr(ctx, "statistic", None), "failures", {}) or {}
        shown = {group.case_id for groups in failures.values() for group in groups.values()}
        if shown & set(self.recorded):
            for case_id in set(self.recorded) - shown:
                (self.directory / f"{case_id}.json").unlink(missing_ok=True)
            self.recorded = [case_id for case_id in self.recorded if case_id in shown]
        if not self.recorded:
            return
        target = "" if self.url is None else f" --url {self.url}"
        click.echo(
            "The curl lines above are signed for the second they were sent"
            + (" and name schemathesis's in-process host" if self.url is None else "")
            + "; replay a failure instead (its requests re-signed for now"
            + (", against a fresh embedded sandbox" if self.url is None else "")
            + "):"
        )
        for case_id in self.recorded:
            click.echo(f"    evocalize fuzz --replay {case_id}{target}")


def _steps(recorder: ScenarioRecorder, case_id: str, failed: list[Any]) -> list[str]:
    """The requests a failure needs, oldest first: those schemathesis names for it (for
    use_after_free, the DELETE beside the chain that reads), else the case's chain."""
    named: list[str] = []
    for check in failed:
        for step in check.failure_info.steps if check.failure_info else ():
            if step.case_id in recorder.cases and step.case_id not in named:
                named.append(step.case_id)
    if case_id not in named:
        return _chain(recorder, case_id)
    return named


def _chain(recorder: ScenarioRecorder, case_id: str) -> list[str]:
    """The case and the steps before it, oldest first."""
    chain = [case_id]
    node = recorder.cases[case_id]
    while node.parent_id is not None and node.parent_id in recorder.cases:
        chain.append(node.parent_id)
        node = recorder.cases[node.parent_id]
    return chain[::-1]


def _step(recorder: ScenarioRecorder, case_id: str) -> dict[str, Any]:
    case = recorder.cases[case_id].value
    interaction = recorder.interactions.get(case_id)
    response = interaction.response if interaction is not None else None
    request = interaction.request if interaction is not None else None
    headers = {name.lower() for name in (request.headers if request is not None else {})}
    return {
        "id": case_id,
        "operation": case.operation.label,
        # Checks such as ignored_auth send requests without the credential on purpose.
        "signed": request is None or KEY_ID_HEADER.lower() in headers,
        "operationId": case.operation.definition.raw.get("operationId"),
        "path_parameters": case.path_parameters or None,
        "query": case.query or None,
        "headers": case.headers or None,
        "cookies": case.cookies or None,
        "body": None if case.body is NOT_SET else {"value": case.body},
        "media_type": case.media_type,
        "status": response.status_code if response is not None else None,
    }


def _encode(value: object) -> object:
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode()}
    raise TypeError(f"cannot record a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$base64"}:
            return base64.b64decode(value["$base64"])
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def load_record(case_id: str) -> dict[str, Any]:
    """The record of a failing case; a `LookupError` says where it was looked for."""
    path = replay_dir() / f"{case_id}.json"
    if not path.is_file():
        known = sorted(p.stem for p in replay_dir().glob("*.json")) if replay_dir().is_dir() else []
        hint = f"; recorded: {', '.join(known[-10:])}" if known else ""
        raise LookupError(f"no failure {case_id!r} recorded in {replay_dir()}{hint}")
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def replay(
    record: dict[str, Any],
    *,
    key_id: str,
    secret: str,
    app: Any = None,
    url: str | None = None,
    auth: str = "signature",
    spec: Path | None = None,
) -> int:
    """Sends the record's requests again, signed for now, and checks the answers; 0 when the
    failure is gone, 1 when a check still fails."""
    from evocalize.fuzzing.config import schemathesis_config
    from evocalize.fuzzing.options import FuzzOptions
    from evocalize.fuzzing.schema import fuzz_schema

    schema: BaseSchema = fuzz_schema(
        key_id=key_id,
        secret=secret,
        app=app,
        url=url,
        auth=auth,
        spec=spec,
        config=schemathesis_config(FuzzOptions()),
    )
    recorder = ScenarioRecorder(label=f"replay {record['id']}")
    signed, unsigned = requests.Session(), requests.Session()
    signed.auth = RequestsKeyAuth(key_id, secret, auth)
    steps = record["steps"]
    click.echo(f"Replaying {record['id']}: {len(steps)} request(s) to {url or 'a fresh sandbox'}")
    click.echo("Recorded failure:")
    for failure in record["failures"]:
        click.echo(f"    {failure['check']}: {failure['title']}")
    parent: str | None = None
    still_failing: list[str] = []
    for number, step in enumerate(steps, 1):
        method, path = str(step["operation"]).split(" ", 1)
        operation = schema[path][method]
        arguments: dict[str, Any] = {
            name: _decode(step[name])
            for name in ("path_parameters", "query", "headers", "cookies")
            if step.get(name)
        }
        if step.get("body") is not None:
            arguments["body"] = _decode(step["body"]["value"])
        if step.get("media_type"):
            arguments["media_type"] = step["media_type"]
        case = operation.Case(**arguments)
        recorder.record_case(case=case, parent_id=parent)
        response = case.call(session=signed if step.get("signed", True) else unsigned)
        recorder.record_response(case_id=case.id, response=response)
        parent = case.id
        click.echo(
            f"[{number}/{len(steps)}] {method} {response.request.path_url} -> "
            f"{response.status_code} (recorded: {step.get('status')})"
        )
        if number == len(steps):
            click.echo(f"    {response.text[:2000]}")
            if not step.get("signed", True) and 200 <= response.status_code < 300:
                still_failing.append("answers 2xx to a request without the credential")
            try:
                # The replay signs with a session, which ignored_auth cannot see: it is judged
                # above, from the requests the run sent without the credential.
                case.validate_response(response, recorder=recorder, excluded_checks=[ignored_auth])
            except FailureGroup as group:
                still_failing += [str(failure.title) for failure in group.exceptions]
            except AssertionError as failure:
                still_failing.append(str(failure).splitlines()[0] if str(failure) else "failed")
    if still_failing:
        click.echo("FAILED: the replay still fails: " + "; ".join(still_failing))
        return 1
    click.echo(
        "PASSED: no check fails on the replayed answers (checks that depend on how a request "
        "was generated, such as positive_data_acceptance, are judged only in a fuzz run)"
    )
    return 0


@contextmanager
def replay_sandbox() -> Iterator[Any]:
    """A fresh embedded sandbox whose requests are sent as recorded (no known-values rewrite)."""
    from evocalize_sandbox.embedded import embedded_sandbox
    from schemathesis.python.asgi import shutdown_lifespans

    with embedded_sandbox() as sandbox:
        sandbox.app.state.fuzz_known_values = None
        try:
            yield sandbox
        finally:
            shutdown_lifespans()
