"""Schemathesis holds the Adnuntius fake to the profile: every operation, with generated valid and
invalid input, all checks (status codes, content types, schemas, headers, auth enforced, invalid
data refused, valid data accepted)."""

from __future__ import annotations

import copy
from typing import Any

import schemathesis
from evocalize.spec import profile_document
from hypothesis import HealthCheck, settings

from profiles.adnuntius.fake_adnuntius import FakeAdnuntius

FAKE = FakeAdnuntius()
FAKE.add_line_items(3)
schema = schemathesis.openapi.from_dict(copy.deepcopy(profile_document("adnuntius")))
schema.app = FAKE.app


@schema.auth()
class AccessToken:
    """A token the fake issued, as its token request would answer it."""

    def get(self, case: schemathesis.Case[Any], ctx: schemathesis.AuthContext) -> str:
        return FAKE.tokens.issue()

    def set(self, case: schemathesis.Case[Any], data: str, ctx: schemathesis.AuthContext) -> None:
        case.headers["Authorization"] = f"Bearer {data}"


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_fake_follows_the_profile(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()
