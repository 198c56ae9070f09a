"""Schemathesis holds the Invoca fake to the profile: every operation with generated valid and
invalid requests, then sequences that follow the spec's links (write, then read or delete),
under every check (status codes, schemas, headers, ignored auth, unsupported methods, negative
data rejected, positive data accepted, use after free, resource availability, ...)."""

from __future__ import annotations

from profiles.invoca.fake_invoca import TOKEN, InvocaFake
from profiles.profile_fuzzing import every_operation, linked_calls, profile_schema

BASE_URL = "http://testserver/api"
# Credentials for every network: generated network ids would nearly all name another one.
FAKE = InvocaFake()
schema = profile_schema("invoca", FAKE.app(), {"Authorization": TOKEN})

test_the_fake_follows_the_profile = every_operation(schema, BASE_URL)
TestLinkedCalls = linked_calls(schema, BASE_URL, reset=FAKE.campaigns.clear)
