"""Schemathesis holds the Invoca fake to the profile: every operation, generated valid and
invalid requests, every check (status codes, schemas, headers, ignored auth, unsupported
methods, negative data rejected, positive data accepted, ...)."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import settings
from schemathesis.config import SchemathesisConfig

from profiles.invoca.fake_invoca import SPEC_PATH, TOKEN, InvocaFake

CONFIG = SchemathesisConfig.from_dict(
    {
        "headers": {"Authorization": f"Bearer {TOKEN}"},
        "generation": {"max-examples": 30},
    }
)
schema = schemathesis.openapi.from_path(SPEC_PATH, config=CONFIG)
schema.app = InvocaFake(network_ids=None).app()


@schema.parametrize()
@settings(deadline=None)
def test_the_fake_follows_the_profile(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(base_url="http://testserver/api")
