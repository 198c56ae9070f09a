"""Schemathesis holds the Adnuntius fake to the profile: every operation with generated valid and
invalid requests, then sequences that follow the spec's links (an upsert by id, then a read or a
HEAD of it), under every check (status codes, content types, schemas, headers, auth enforced,
invalid data refused, valid data accepted, resource availability, ...)."""

from __future__ import annotations

from profiles.adnuntius.fake_adnuntius import FakeAdnuntius
from profiles.profile_fuzzing import every_operation, linked_calls, profile_schema

BASE_URL = "http://testserver"
# Every network: generated contexts would nearly all name another one.
FAKE = FakeAdnuntius(networks=None)
# An access token from the fake, as its token request would answer it (valid on the fake's
# clock, which fuzzing does not move).
schema = profile_schema("adnuntius", FAKE.app, {"Authorization": f"Bearer {FAKE.tokens.issue()}"})


def three_line_items() -> None:
    FAKE.line_items.clear()
    FAKE.add_line_items(3)


three_line_items()
test_the_fake_follows_the_profile = every_operation(schema, BASE_URL)
TestLinkedCalls = linked_calls(schema, BASE_URL, reset=three_line_items)
