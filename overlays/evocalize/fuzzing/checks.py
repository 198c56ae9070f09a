"""Checks of our own, registered beside schemathesis's so that `--checks all` runs them too.

Schemathesis has no notion of pagination. A listing that answers a page token with the same
token as the next one sends every client that follows it (our `.items()` included) round the
same page for ever; the spec's `nextPage` links make the stateful phase follow real tokens, and
this check catches the repetition.
"""

from __future__ import annotations

from typing import Any

import schemathesis

from evocalize.pagination import TokenPaging

PAGING = TokenPaging()


@schemathesis.check
def page_token_advances(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """A page asked for with a token names a different next page, or none."""
    requested = (case.query or {}).get(PAGING.token_param)
    if not requested or not 200 <= response.status_code < 300:
        return None
    try:
        body = response.json()
    except ValueError:
        return None  # content_type_conformance and response_schema_conformance report this
    if isinstance(body, dict) and body.get(str(PAGING.next_field)) == requested:
        raise AssertionError(
            f"Page token repeats: asked with {PAGING.token_param}={requested!r}, the answer "
            f"names the same token as its {PAGING.next_field}, so paging never ends"
        )
    return None
