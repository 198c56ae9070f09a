"""One fuzz run of an app or a URL, from options to exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from schemathesis.schemas import BaseSchema

from evocalize.fuzzing.config import schemathesis_config
from evocalize.fuzzing.known_values import KnownValues
from evocalize.fuzzing.options import FuzzOptions
from evocalize.fuzzing.replay import FailureRecorder
from evocalize.fuzzing.runner import run_schema
from evocalize.fuzzing.schema import fuzz_schema
from evocalize.fuzzing.tally import FuzzTally


def fuzz(
    *,
    key_id: str,
    secret: str,
    app: Any = None,
    url: str | None = None,
    auth: str = "signature",
    options: FuzzOptions | None = None,
    spec: Path | None = None,
    tally: FuzzTally | None = None,
    known_values: KnownValues | None = None,
    record_failures: bool = False,
) -> int:
    """Fuzzes `app` (in process) or `url`; returns 0 when no check failed, else non-zero.
    Pass a `FuzzTally` to read the per-operation counts afterwards, and `known_values` to name
    what the target holds in positive cases (see `fuzz_schema`). With `record_failures`, each
    failure is recorded for `evocalize fuzz --replay` (see `evocalize.fuzzing.replay`)."""
    options = options or FuzzOptions()
    schema: BaseSchema = fuzz_schema(
        key_id=key_id,
        secret=secret,
        app=app,
        url=url,
        auth=auth,
        spec=spec,
        config=schemathesis_config(options),
        known_values=known_values,
    )
    if options.include_operation_ids:
        schema = schema.include(operation_id=list(options.include_operation_ids))
    location = str(spec) if spec is not None else (url or "openapi.yaml (in process)")
    replays = (
        FailureRecorder(url=url, spec=str(spec) if spec is not None else None)
        if record_failures
        else None
    )
    return run_schema(schema, location=location, tally=tally, replays=replays)
