"""Partners fuzz their own implementation from their own test suite: one `fuzz_schema(...)` and
a `@schema.parametrize()` test, for an ASGI app, a WSGI app or a URL, signed like the client.
Each case runs the suite a partner would write, with pytest's own pytester.

The operations have no path parameters: the WSGI case is the sandbox (ASGI) bridged to WSGI and
back, and WSGI hands an app its path decoded, so a signature over a percent-encoded id could
not be checked there."""

from __future__ import annotations

import pytest

from fuzzing.test_fuzz_command import KEY, KEY_ID, served_sandbox  # noqa: F401

PARTNER_SUITE = """
import contextlib

from a2wsgi import ASGIMiddleware
from evocalize.fuzzing import fuzz_schema
from evocalize_sandbox.embedded import embedded_sandbox
from hypothesis import settings

# Stands for the partner's own app; kept open for the whole session.
SESSION = contextlib.ExitStack()
sandbox = SESSION.enter_context(embedded_sandbox())
TARGETS = {{
    "asgi": dict(app=sandbox.app, key_id=sandbox.key_id, secret=sandbox.secret),
    "wsgi": dict(app=ASGIMiddleware(sandbox.app), key_id=sandbox.key_id, secret=sandbox.secret),
    "url": dict(url={url!r}, key_id={key_id!r}, secret={key!r}),
}}
schema = fuzz_schema(**TARGETS[{target!r}]).include(
    operation_id=["listRepositories", "listGroups", "createOrUpdateGroup"]
)


@schema.parametrize()
@settings(max_examples=5, deadline=None)
def test_my_implementation(case):
    response = case.call_and_validate()
    # Valid cases are signed like a real client's, so the credential is never refused
    # (negative cases include requests with the auth headers left out on purpose).
    if case.meta.generation.mode == "positive":
        assert response.status_code != 401, response.text
"""


@pytest.mark.parametrize("target", ["asgi", "wsgi", "url"])
def test_a_partner_suite_fuzzes_its_implementation_signed(
    pytester: pytest.Pytester,
    served_sandbox: str,  # noqa: F811
    target: str,
) -> None:
    pytester.makepyfile(
        test_partner=PARTNER_SUITE.format(url=served_sandbox, key_id=KEY_ID, key=KEY, target=target)
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=3)


def test_the_same_suite_with_a_wrong_key_is_refused(
    pytester: pytest.Pytester,
    served_sandbox: str,  # noqa: F811
) -> None:
    suite = PARTNER_SUITE.format(url=served_sandbox, key_id=KEY_ID, key="wrong", target="url")
    pytester.makepyfile(test_partner=suite)
    result = pytester.runpytest("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(["*EV_UNAUTHORIZED_INVALID_SIGNATURE*"])
