"""Contract fuzzing: schemathesis holds an implementation of the API to `openapi.yaml`.

It signs every request like a real client (the API refuses anything else), runs every check in
every phase by default, follows the spec's links so stateful tests reach real objects, and
reports with schemathesis's own display and report formats plus a per-operation tally.

- `fuzz(...)`: one run against an ASGI or WSGI app in process, or a URL over HTTP.
- `fuzz_schema(...)`: the signed schema, for `@schema.parametrize()` tests in a partner's suite.
- `evocalize fuzz`: the command line (`evocalize.fuzzing.command`), by default against a fresh
  embedded sandbox; its last line is the verdict, and `evocalize fuzz --replay ID` replays a
  failure it recorded (`evocalize.fuzzing.replay`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evocalize.fuzzing.options import FuzzOptions
    from evocalize.fuzzing.requests_auth import RequestsKeyAuth
    from evocalize.fuzzing.run import fuzz
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

# Schemathesis takes most of a second to import: the names load on first use, so that the
# `evocalize` command line starts fast whatever command it runs.
_HOMES = {
    "FuzzOptions": "options",
    "FuzzTally": "tally",
    "OperationTally": "tally",
    "RequestsKeyAuth": "requests_auth",
    "fuzz": "run",
    "fuzz_schema": "schema",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"evocalize.fuzzing.{_HOMES[name]}"), name)
