"""What the profiles' schemathesis tests share: a profile spec loaded against its fake (every
check enabled, as by default), and a stateful test that follows the spec's links."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.schemas import OpenApiSchema
from starlette.applications import Starlette

# Enough to reach every branch of the small fakes while keeping each run to seconds.
MAX_EXAMPLES = 30


def profile_schema(spec: Path, app: Starlette, headers: dict[str, str]) -> OpenApiSchema:
    """The profile's spec, fuzzed against `app`, sending `headers` (the credentials)."""
    config = SchemathesisConfig.from_dict(
        {"headers": headers, "generation": {"max-examples": MAX_EXAMPLES}}
    )
    schema = schemathesis.openapi.from_path(spec, config=config)
    schema.app = app
    return schema


def linked_calls(schema: OpenApiSchema, base_url: str, reset: Callable[[], None]) -> Any:
    """A unittest TestCase running sequences of calls along the spec's links, so that the
    stateful checks (use after free, created resource available) run too. `reset` empties the
    fake before each sequence: Hypothesis replays a sequence and expects the same answers (an
    upsert answers 201 once, then 200)."""

    class LinkedCalls(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            reset()

        def call(self, case: schemathesis.Case[Any], **kwargs: Any) -> Any:
            return case.call(base_url=base_url, **kwargs)

    test_case = LinkedCalls.TestCase
    test_case.settings = settings(max_examples=MAX_EXAMPLES, stateful_step_count=6, deadline=None)
    return test_case
