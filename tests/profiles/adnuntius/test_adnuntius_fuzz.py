"""Schemathesis holds the Adnuntius fake's answers to the profile: every operation with generated
valid and invalid requests (statuses, content types, schemas, headers, auth enforced, ...)."""

from __future__ import annotations

from profiles.adnuntius.fake_adnuntius import API_KEY, AdnuntiusFake
from profiles.profile_fuzzing import every_operation, profile_schema

BASE_URL = "http://testserver"
FAKE = AdnuntiusFake()
FAKE.add_line_items(3)
schema = profile_schema("adnuntius", FAKE.app(), {"Authorization": f"Bearer {API_KEY}"})

test_the_fake_follows_the_profile = every_operation(schema, BASE_URL)
