"""Schemathesis holds the AppNexus fake to the profile: every operation, with generated valid and
invalid input, all checks (status codes, content types, schemas, headers, auth enforced, invalid
data refused, valid data accepted)."""

from __future__ import annotations

import copy
from typing import Any

import schemathesis
from evocalize.spec import profile_document
from hypothesis import HealthCheck, settings

from profiles.appnexus.fake_appnexus import USERNAME, FakeAppNexus

FAKE = FakeAppNexus()
FAKE.add_creatives(5)
APP = FAKE.app
schema = schemathesis.openapi.from_dict(copy.deepcopy(profile_document("appnexus")))
schema.app = APP


@schema.auth()
class SessionToken:
    """A token from the fake's own `/auth`, as a client would get one."""

    def get(self, case: schemathesis.Case[Any], ctx: schemathesis.AuthContext) -> str:
        token = FAKE.tokens.issue()
        FAKE.token_users[token] = USERNAME
        return token

    def set(self, case: schemathesis.Case[Any], data: str, ctx: schemathesis.AuthContext) -> None:
        case.headers["Authorization"] = data


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_fake_follows_the_profile(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()
