"""Schemathesis holds the BidTheatre fake's answers to the profile: every operation with
generated valid and invalid requests (statuses, content types, schemas, headers, auth enforced,
...)."""

from __future__ import annotations

from profiles.bidtheatre.fake_bidtheatre import BidTheatreFake
from profiles.profile_fuzzing import every_operation, profile_schema

BASE_URL = "http://testserver"
FAKE = BidTheatreFake()
# A token of the fake's, valid on its clock, which fuzzing does not move.
TOKEN = FAKE._issue()
schema = profile_schema("bidtheatre", FAKE.app(), {"Authorization": TOKEN})

test_the_fake_follows_the_profile = every_operation(schema, BASE_URL)
