"""Schemathesis holds the Adnuntius fake to the profile: every operation with generated valid and
invalid requests, under every check (status codes, content types, schemas, headers, auth
enforced, invalid data refused, valid data accepted, ...)."""

from __future__ import annotations

from profiles.adnuntius.fake_adnuntius import FakeAdnuntius
from profiles.profile_fuzzing import every_operation, profile_schema

BASE_URL = "http://testserver"
FAKE = FakeAdnuntius()
FAKE.add_line_items(3)
# An access token from the fake, as its token request would answer it (valid on the fake's
# clock, which fuzzing does not move).
schema = profile_schema("adnuntius", FAKE.app, {"Authorization": f"Bearer {FAKE.tokens.issue()}"})

test_the_fake_follows_the_profile = every_operation(schema, BASE_URL)
