"""Schemathesis holds the BidTheatre fake to the profile: every operation with generated valid
and invalid requests, then sequences that follow the spec's links (create, then read, update,
delete), under every check (status codes, schemas, headers, ignored auth, unsupported methods,
negative data rejected, positive data accepted, use after free, resource availability, ...)."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import settings

from profiles.bidtheatre.fake_bidtheatre import SPEC_PATH, BidTheatreFake
from profiles.profile_fuzzing import linked_calls, profile_schema

BASE_URL = "http://testserver"
# Throttling is the client tests' business: here it would only hide the answers behind it.
# Credentials for every network: generated network ids would nearly all name another one.
FAKE = BidTheatreFake(reads_per_minute=10**9, writes_per_minute=10**9, network_ids=None)
schema = profile_schema(SPEC_PATH, FAKE.app(), {"Authorization": FAKE.issue_token()})


@schema.parametrize()
@settings(deadline=None)
def test_the_fake_follows_the_profile(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(base_url=BASE_URL)


TestLinkedCalls = linked_calls(schema, BASE_URL, reset=FAKE.campaigns.clear)
