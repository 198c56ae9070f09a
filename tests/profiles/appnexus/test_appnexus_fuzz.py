"""Schemathesis holds the AppNexus fake to the profile: every operation with generated valid and
invalid requests, then sequences that follow the spec's links (create, then read or update),
under every check (status codes, content types, schemas, headers, auth enforced, invalid data
refused, valid data accepted, use after free, resource availability, ...)."""

from __future__ import annotations

from profiles.appnexus.fake_appnexus import USERNAME, FakeAppNexus
from profiles.profile_fuzzing import every_operation, linked_calls, profile_schema

BASE_URL = "http://testserver"
FAKE = FakeAppNexus()
# A session token from the fake, as its `/auth` would answer it (valid on the fake's clock,
# which fuzzing does not move).
TOKEN = FAKE.tokens.issue()
FAKE.token_users[TOKEN] = USERNAME
schema = profile_schema("appnexus", FAKE.app, {"Authorization": TOKEN})


def five_creatives() -> None:
    FAKE.creatives.clear()
    FAKE.add_creatives(5)


five_creatives()
test_the_fake_follows_the_profile = every_operation(schema, BASE_URL)
TestLinkedCalls = linked_calls(schema, BASE_URL, reset=five_creatives)
