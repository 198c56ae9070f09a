"""Checks of our own, registered beside schemathesis's so that `--checks all` runs them too.

Schemathesis has no notion of pagination. A listing that answers a page token with the same
token as the next one sends every client that follows it (our `.items()` included) round the
same page for ever; the spec's `nextPage` links make the stateful phase follow real tokens, and
this check catches the repetition.

Schemathesis's `use_after_free` takes every successful DELETE for the removal of what its path
names, and every later 2xx read at or under that path for a fault. The spec says when that is
wrong (`read_after_delete_allowed`, derived from the document, no list of operations):

- the spec marks with `x-keeps-resource` a DELETE after which what it names stays readable
  (deactivateUser: the user record stays);
- a DELETE whose only success is 202 Accepted has removed nothing yet when it answers (batches
  are processed asynchronously), so what it names may still be read;
- a DELETE at the path of a listing removes records from that collection, not the collection:
  a listing read afterwards, there or under it, rightly answers 200 with what is left, an empty
  page included (deleteItemAccessRecords, then listItemAccessRecords: `{"data": []}`; and
  deleteItemGrants at `.../item/{itemId}/grants`, then listItemGrants at `.../items/...`, which
  schemathesis relates as one path).

Reading a single resource back after its own removal (deleteItem, then getItem), or a listing
under a removed resource (deleteMedia, then listMediaGrants), is still a use after free. The
check of the same name registered here replaces schemathesis's and defers to it otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import schemathesis
from schemathesis.checks import CHECKS
from schemathesis.specs.openapi.checks import use_after_free as schemathesis_use_after_free

from evocalize.pagination import TokenPaging
from evocalize.spec import OperationSpec, document_operations

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
    """A resource is gone after a DELETE that removes it (see `read_after_delete_allowed`).

    Schemathesis's check runs with the DELETEs the spec allows this read after left out of the
    related cases, so that another DELETE before the same read (one that does remove what it
    reads) is still judged."""
    document = case.operation.schema.raw_schema
    read = (case.operation.method, case.operation.path)
    allowed = {
        related.id
        for related in ctx.internals.find_related(case_id=case.id)
        if related.operation.method.lower() == "delete"
        and read_after_delete_allowed(
            document, (related.operation.method, related.operation.path), read
        )
    }
    if not allowed:
        return schemathesis_use_after_free(ctx, response, case)
    narrowed: Any = _WithoutCases(ctx, allowed)
    return schemathesis_use_after_free(narrowed, response, case)


class _WithoutCases:
    """A check context whose `internals` leave some cases out of `find_related`."""

    def __init__(self, ctx: schemathesis.CheckContext, left_out: set[str]) -> None:
        self._ctx = ctx
        self.internals = _RelatedWithout(ctx.internals, left_out)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)


class _RelatedWithout:
    def __init__(self, internals: Any, left_out: set[str]) -> None:
        self._internals = internals
        self._left_out = left_out

    def find_related(self, *, case_id: str) -> Any:
        return (
            related
            for related in self._internals.find_related(case_id=case_id)
            if related.id not in self._left_out
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._internals, name)


def read_after_delete_allowed(
    document: Mapping[str, Any], delete: tuple[str, str], read: tuple[str, str]
) -> str | None:
    """Why the spec lets `read` (method, path template) answer 2xx after `delete` succeeded,
    or None when it does not (a read of what the DELETE removed must answer 404)."""
    operations = _operations(document)
    deleting = operations.get((delete[0].lower(), delete[1]))
    reading = operations.get((read[0].lower(), read[1]))
    if deleting is None or reading is None:
        return None
    if deleting.node.get("x-keeps-resource"):
        return f"{deleting.operation_id} keeps what it names (x-keeps-resource)"
    successes = {str(code) for code in deleting.node.get("responses", {}) if str(code)[0] == "2"}
    if successes == {"202"}:
        return f"{deleting.operation_id} is only accepted (202): it removes later"
    collection = next(
        (
            op
            for op in operations.values()
            if op.method == "get" and _same_place(op.path, deleting.path) and is_listing(op)
        ),
        None,
    )
    if collection is not None and is_listing(reading):
        return (
            f"{deleting.operation_id} removes records from the listing {collection.operation_id}; "
            f"{reading.operation_id} lists what is left"
        )
    return None


def _same_place(path: str, other: str) -> bool:
    """The two templates name the same place as schemathesis relates paths: parameters match
    parameters, and a plural segment names the collection of its singular (the spec has both
    `.../item/{itemId}/grants` and `.../items/{itemId}/grants`)."""

    def parts(template: str) -> list[str]:
        return [
            "{}" if part.startswith("{") else part.rstrip("s")
            for part in template.rstrip("/").split("/")
        ]

    return parts(path) == parts(other)


def is_listing(operation: OperationSpec) -> bool:
    """Answers a collection: it pages (`pageToken`), or its success's `data` is an array."""
    return operation.paginated or any(
        operation.answer_data_schema(str(code)).get("type") == "array"
        for code in operation.node.get("responses", {})
        if str(code).startswith("2")
    )


# The operations of the last document a check read, by (method, path template): a run fuzzes
# one schema. The document is kept with its index, so that its id cannot be reused meanwhile.
_INDEX: list[tuple[Mapping[str, Any], dict[tuple[str, str], OperationSpec]]] = []


def _operations(document: Mapping[str, Any]) -> dict[tuple[str, str], OperationSpec]:
    if not _INDEX or _INDEX[0][0] is not document:
        index = {(op.method, op.path): op for op in document_operations(dict(document))}
        _INDEX[:] = [(document, index)]
    return _INDEX[0][1]
