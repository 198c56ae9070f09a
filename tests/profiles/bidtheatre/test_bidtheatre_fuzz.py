"""Schemathesis holds the BidTheatre fake to the profile: every operation with generated valid
and invalid requests, then sequences that follow the spec's links (create, then read, update,
delete), under every check (status codes, schemas, headers, ignored auth, unsupported methods,
negative data rejected, positive data accepted, use after free, resource availability, ...)."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import settings
from schemathesis.config import SchemathesisConfig

from profiles.bidtheatre.fake_bidtheatre import SPEC_PATH, BidTheatreFake

BASE_URL = "http://testserver"
# Throttling is the client tests' business: here it would only hide the answers behind it.
FAKE = BidTheatreFake(reads_per_minute=10**9, writes_per_minute=10**9, network_ids=None)
CONFIG = SchemathesisConfig.from_dict(
    {
        "headers": {"Authorization": FAKE.issue_token()},
        "generation": {"max-examples": 30},
    }
)
schema = schemathesis.openapi.from_path(SPEC_PATH, config=CONFIG)
schema.app = FAKE.app()


@schema.parametrize()
@settings(deadline=None)
def test_the_fake_follows_the_profile(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(base_url=BASE_URL)


class LinkedCalls(schema.as_state_machine()):  # type: ignore[misc]
    def call(self, case: schemathesis.Case[Any], **kwargs: Any) -> Any:
        return case.call(base_url=BASE_URL, **kwargs)


TestLinkedCalls = LinkedCalls.TestCase
TestLinkedCalls.settings = settings(max_examples=30, stateful_step_count=6, deadline=None)
