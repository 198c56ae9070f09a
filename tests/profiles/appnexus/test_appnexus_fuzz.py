"""Schemathesis holds the Xandr fake's answers to the profile: every operation with generated
valid and invalid requests (statuses, content types, schemas, headers, auth enforced, ...)."""

from __future__ import annotations

from profiles.appnexus.fake_appnexus import USERNAME, Session, XandrFake
from profiles.profile_fuzzing import every_operation, profile_schema

BASE_URL = "http://testserver"
FAKE = XandrFake()
# A session of the fake's, as its `/auth` would answer it (fuzzing does not move its clock).
TOKEN = "fuzzing-session"
FAKE.sessions[TOKEN] = Session(USERNAME, FAKE.now, FAKE.now)
FAKE.add_creatives(5)
schema = profile_schema("appnexus", FAKE.app(), {"Authorization": TOKEN})

test_the_fake_follows_the_profile = every_operation(schema, BASE_URL)
