"""The one schemathesis harness of the profiles: a profile's spec loaded against its fake (the
credentials in a header), a test of every operation with generated valid and invalid input, and a
stateful test that follows the spec's links.

The fakes follow the peers' public documentation, not the profile's schemas: what a real API
refuses is not documented (Invoca may well accept an unknown `transaction_type`), so the checks
that a fake refuses exactly what the schema refuses are left out. Every other check holds the
fake's answers (statuses, bodies, headers) to the profile."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import schemathesis
from evocalize.spec import profile_document
from hypothesis import HealthCheck, settings
from schemathesis.checks import CheckFunction
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance
from schemathesis.specs.openapi.schemas import OpenApiSchema

# What the documentation does not say: which inputs the real API refuses.
UNDOCUMENTED: list[CheckFunction] = [negative_data_rejection, positive_data_acceptance]
# Enough to reach every branch of the small fakes while keeping each run to seconds.
MAX_EXAMPLES = 30
# The fakes answer in-process: no example is slow for the real reasons the deadline guards.
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def profile_schema(name: str, app: Any, headers: dict[str, str]) -> OpenApiSchema:
    """`profiles/<name>/openapi.yaml`, fuzzed against the ASGI `app`, sending `headers` (the
    credentials)."""
    config = SchemathesisConfig.from_dict(
        {"headers": headers, "generation": {"max-examples": MAX_EXAMPLES}}
    )
    schema = schemathesis.openapi.from_dict(copy.deepcopy(profile_document(name)), config=config)
    schema.app = app
    return schema


def every_operation(schema: OpenApiSchema, base_url: str) -> Any:
    """A pytest test of every operation, each case called on the fake and all checks run."""

    @schema.parametrize()
    @SETTINGS
    def test(case: schemathesis.Case[Any]) -> None:
        case.call_and_validate(base_url=base_url, excluded_checks=UNDOCUMENTED)

    return test


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

        def validate_response(
            self, response: Any, case: schemathesis.Case[Any], **kwargs: Any
        ) -> None:
            case.validate_response(response, excluded_checks=UNDOCUMENTED, **kwargs)

    test_case = LinkedCalls.TestCase
    test_case.settings = settings(
        SETTINGS, max_examples=MAX_EXAMPLES, stateful_step_count=6, deadline=None
    )
    return test_case
