"""Schemathesis holds the BidTheatre fake to the profile: every operation with generated valid
and invalid requests, then sequences that follow the spec's links (create, then read, update,
delete), under every check (status codes, schemas, headers, ignored auth, unsupported methods,
negative data rejected, positive data accepted, use after free, resource availability, ...)."""

from __future__ import annotations

from profiles.bidtheatre.fake_bidtheatre import BidTheatreFake
from profiles.profile_fuzzing import every_operation, linked_calls, profile_schema

BASE_URL = "http://testserver"
# Throttling is the client tests' business: here it would only hide the answers behind it.
# Credentials for every network: generated network ids would nearly all name another one.
FAKE = BidTheatreFake(reads_per_minute=10**9, writes_per_minute=10**9, network_ids=None)
schema = profile_schema("bidtheatre", FAKE.app(), {"Authorization": FAKE.tokens.issue()})

test_the_fake_follows_the_profile = every_operation(schema, BASE_URL)
TestLinkedCalls = linked_calls(schema, BASE_URL, reset=FAKE.campaigns.clear)
