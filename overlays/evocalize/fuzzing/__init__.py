"""Contract fuzzing: schemathesis holds an implementation of the API to `openapi.yaml`.

It signs every request like a real client (the API refuses anything else), runs every check in
every phase by default, follows the spec's links so stateful tests reach real objects, and
reports with schemathesis's own display and report formats plus a per-operation tally.

- `fuzz(...)`: one run against an ASGI or WSGI app in process, or a URL over HTTP.
- `fuzz_schema(...)`: the signed schema, for `@schema.parametrize()` tests in a partner's suite.
- `evocalize fuzz`: the command line (`evocalize.fuzzing.command`), by default against a fresh
  embedded sandbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from schemathesis.schemas import BaseSchema

# Registers our own checks with schemathesis, so that "all" includes them.
import evocalize.fuzzing.checks  # noqa: F401
from evocalize.fuzzing.options import FuzzOptions, schemathesis_config
from evocalize.fuzzing.requests_auth import RequestsKeyAuth
from evocalize.fuzzing.runner import run_schema
from evocalize.fuzzing.schema import fuzz_schema
from evocalize.fuzzing.tally import FuzzTally, OperationTally

__all__ = [
    "FuzzOptions",
    "FuzzTally",
    "OperationTally",
    "RequestsKeyAuth",
    "fuzz",
    "fuzz_schema",
]


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
) -> int:
    """Fuzzes `app` (in process) or `url`; returns 0 when no check failed, else non-zero.
    Pass a `FuzzTally` to read the per-operation counts afterwards."""
    options = options or FuzzOptions()
    schema: BaseSchema = fuzz_schema(
        key_id=key_id,
        secret=secret,
        app=app,
        url=url,
        auth=auth,
        spec=spec,
        config=schemathesis_config(options),
    )
    if options.include_operation_ids:
        schema = schema.include(operation_id=list(options.include_operation_ids))
    location = str(spec) if spec is not None else (url or "openapi.yaml (in process)")
    return run_schema(schema, location=location, tally=tally)
