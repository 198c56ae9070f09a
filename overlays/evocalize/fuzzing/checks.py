"""Checks of our own, registered beside schemathesis's so that `--checks all` runs them too.

Schemathesis has no notion of pagination. A listing that answers a page token with the same
token as the next one sends every client that follows it (our `.items()` included) round the
same page for ever; the spec's `nextPage` links make the stateful phase follow real tokens, and
this check catches the repetition.

Schemathesis's `use_after_free` takes every successful DELETE for a removal. Some are not: the
spec marks with `x-keeps-resource` a DELETE after which what it names stays readable
(deactivateUser: the user record stays), and reading that back is conformance, not a fault. The
check of the same name registered here replaces schemathesis's and defers to it for every
other DELETE.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis.checks import CHECKS
from schemathesis.openapi.checks import UseAfterFree
from schemathesis.specs.openapi.checks import use_after_free as schemathesis_use_after_free

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


# Replaced on purpose (schemathesis refuses a second check of the same name): `--checks
# use_after_free` and `all` run the version below, which defers to schemathesis's.
CHECKS.unregister("use_after_free")


@schemathesis.check
def use_after_free(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """A resource is gone after a DELETE that removes it (not one marked `x-keeps-resource`)."""
    try:
        return schemathesis_use_after_free(ctx, response, case)
    except UseAfterFree as failure:
        deleted = next(
            (
                c
                for c in ctx.internals.find_related(case_id=case.id)
                if c.id == failure.deleted_case_id
            ),
            None,
        )
        if deleted is not None and deleted.operation.definition.raw.get("x-keeps-resource"):
            return None
        raise
