"""The spec covers the seed: every HTTP request it documents is an operation, and every JSON
example it shows is embedded in the spec (wrapped in `data` where the seed left the envelope
out), so the examples stay the test vectors they are."""

from __future__ import annotations

import json
import re
from typing import Any

from openapi_doc import embedded_examples, operations
from seed_examples import SEED_PATH, SeedExample, seed_json_examples

# Seed blocks that are not examples of a request, a response or a delivery, with the reason.
NOT_API_EXAMPLES = {
    "JSON Response Schema": "a sketch of the envelope whose values are type names",
    "Success Response Example:": "a placeholder `data: {}`",
    "The raw value from the example above is": "a deep-link filter, a test vector of deep links",
    "Filter JSON example": "a deep-link filter, a test vector of deep links",
}


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def api_examples() -> list[SeedExample]:
    return [e for e in seed_json_examples(SEED_PATH) if e.title not in NOT_API_EXAMPLES]


def test_every_http_request_of_the_seed_is_an_operation_of_the_spec() -> None:
    seed = SEED_PATH.read_text(encoding="utf-8")
    documented = {
        f"{method} {path}"
        for method, path in re.findall(r"\b(GET|POST|PUT|DELETE) management/v1(/[^\s,?]+)", seed)
    }
    assert documented == {op.key for op in operations()}


def test_the_seed_shows_examples_for_most_of_the_api() -> None:
    assert len(api_examples()) > 60


def test_every_json_example_of_the_seed_is_embedded_in_the_spec() -> None:
    embedded = {canonical(e.value) for e in embedded_examples()}
    missing = [
        f"line {e.line}: {e.title}"
        for e in api_examples()
        if canonical(e.value) not in embedded and canonical({"data": e.value}) not in embedded
    ]
    assert missing == []
