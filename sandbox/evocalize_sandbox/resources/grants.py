"""Content Access V2: grants of READ on content items to grantees (the API reference, "Content
Access API V2" and "Access Control").

A grant is keyed by its item and its grantee, so an upsert only touches that pair; listings and
deletions can be narrowed to a list of grantees (`filterByGrantee`, or the DELETE body).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from evocalize_models import (
    ContentGrantBatch,
    ContentGrantBatchEntry,
    ContentGrantInput,
    GranteeFilter,
    GranteeInput,
)

from ..context import Context, EntryContext, Reply, RequestContext, ok
from ..errors import invalid_field, not_found
from ..organizations import organization_column
from ..registry import applies_entry, handles
from ..storage import metadata
from ..validation import validate_python
from .content import item_exists, repository_row

grants_table = sa.Table(
    "content_grants",
    metadata,
    organization_column(),
    sa.Column("repository_id", sa.String(255), primary_key=True),
    sa.Column("item_id", sa.String(255), primary_key=True),
    # type|userId|groupId|groupRole: one grant per item and grantee
    sa.Column("grantee_key", sa.String(1100), primary_key=True),
    sa.Column("grantee", sa.Text, nullable=False),  # JSON Grantee
    sa.Column("permissions", sa.Text, nullable=False),  # JSON list
)

# Which properties identify a grantee of each type (the API reference, "Grantee Properties"); the
# others are not part of it and are dropped.
_GRANTEE_PROPERTIES = {
    "ORGANIZATION": (),
    "USER": ("userId",),
    "GROUP": ("groupId",),
    "GROUP_ROLE": ("groupId", "groupRole"),
    "USER_IN_GROUP": ("userId", "groupId"),
}


def canonical_grantee(grantee: GranteeInput, field: str = "grantee") -> dict[str, Any]:
    """The grantee with exactly the properties its type uses; a missing one is a 400."""
    sent = grantee.model_dump(mode="json", by_alias=True, exclude_none=True)
    kind = sent["type"]
    canonical: dict[str, Any] = {"type": kind}
    for name in _GRANTEE_PROPERTIES[kind]:
        if name not in sent:
            raise invalid_field(f"{field}.{name}", f"a {kind} grantee needs {name}")
        canonical[name] = sent[name]
    return canonical


def grantee_key(grantee: dict[str, Any]) -> str:
    return "|".join(
        str(grantee.get(name, "")) for name in ("type", "userId", "groupId", "groupRole")
    )


def render_grant(row: Any) -> dict[str, Any]:
    return {
        "grantee": json.loads(row.grantee),
        "permissions": json.loads(row.permissions),
        "objectId": row.item_id,
    }


def upsert_grant(
    ctx: Context, repository_id: str, item_id: str, grantee: GranteeInput, permissions: list[str]
) -> dict[str, Any]:
    canonical = canonical_grantee(grantee)
    key = grantee_key(canonical)
    values = {"grantee": json.dumps(canonical), "permissions": json.dumps(permissions)}
    where = (
        grants_table.c.repository_id == repository_id,
        grants_table.c.item_id == item_id,
        grants_table.c.grantee_key == key,
    )
    if not ctx.conn.execute(sa.update(grants_table).where(*where).values(**values)).rowcount:
        ctx.conn.execute(
            sa.insert(grants_table).values(
                repository_id=repository_id, item_id=item_id, grantee_key=key, **values
            )
        )
    return {"grantee": canonical, "permissions": permissions, "objectId": item_id}


def _grantee_filter(grantees: Sequence[GranteeInput] | None) -> list[sa.ColumnElement[bool]]:
    if grantees is None:
        return []
    keys = [grantee_key(canonical_grantee(g, f"grantees[{n}]")) for n, g in enumerate(grantees)]
    return [grants_table.c.grantee_key.in_(keys)]


def delete_item_grants_rows(ctx: Context, repository_id: str, item_id: str) -> None:
    ctx.conn.execute(
        sa.delete(grants_table).where(
            grants_table.c.repository_id == repository_id, grants_table.c.item_id == item_id
        )
    )


def _require_item(ctx: Context, repository_id: str, item_id: str, field: str = "itemId") -> None:
    if not item_exists(ctx, repository_id, item_id):
        raise not_found("content item", field)


def _filter_of(ctx: RequestContext) -> list[sa.ColumnElement[bool]]:
    found = ctx.query.get("filterByGrantee")
    return _grantee_filter(found.grantees if isinstance(found, GranteeFilter) else None)


def _list(ctx: RequestContext, *where: sa.ColumnElement[bool]) -> Reply:
    statement = (
        sa.select(grants_table)
        .where(*where, *_filter_of(ctx))
        .order_by(grants_table.c.item_id, grants_table.c.grantee_key)
    )
    return ctx.page_of(statement, render_grant, shape=lambda grants: {"grants": grants})


@handles("listRepositoryGrants")
def list_repository_grants(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    return _list(ctx, grants_table.c.repository_id == repository.id)


@handles("listItemGrants")
def list_item_grants(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    item_id = ctx.path_params["itemId"]
    _require_item(ctx, repository.id, item_id)
    return _list(
        ctx, grants_table.c.repository_id == repository.id, grants_table.c.item_id == item_id
    )


@handles("upsertItemGrant")
def upsert_item_grant(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    item_id = ctx.path_params["itemId"]
    _require_item(ctx, repository.id, item_id)
    grant = ctx.body_as(ContentGrantInput)
    permissions = [p.value for p in grant.permissions]
    return ok(upsert_grant(ctx, repository.id, item_id, grant.grantee, permissions))


@handles("upsertRepositoryGrantBatch")
def upsert_repository_grant_batch(ctx: RequestContext) -> Reply:
    repository_row(ctx)
    grants = ctx.body_as(ContentGrantBatch).grants
    entries = [g.model_dump(mode="json", by_alias=True, exclude_none=True) for g in grants]
    # The spec answers this batch with 200 (not 202) and a report to follow.
    return ctx.enqueue_batch(entries, status=200)


@applies_entry("upsertRepositoryGrantBatch")
def apply_grant(ctx: EntryContext, entry: Any) -> None:
    repository = repository_row(ctx)
    grant = validate_python(ContentGrantBatchEntry, entry)
    _require_item(ctx, repository.id, grant.object_id, "objectId")
    permissions = [p.value for p in grant.permissions]
    upsert_grant(ctx, repository.id, grant.object_id, grant.grantee, permissions)


def _delete(ctx: RequestContext, *where: sa.ColumnElement[bool]) -> Reply:
    body = ctx.body if isinstance(ctx.body, GranteeFilter) else None
    narrowed = _grantee_filter(body.grantees if body is not None else None)
    deleted = ctx.conn.execute(sa.delete(grants_table).where(*where, *narrowed)).rowcount
    return ok({"numberOfGrantsDeleted": deleted})


@handles("deleteRepositoryGrants")
def delete_repository_grants(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    return _delete(ctx, grants_table.c.repository_id == repository.id)


@handles("deleteItemGrants")
def delete_item_grants(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    item_id = ctx.path_params["itemId"]
    _require_item(ctx, repository.id, item_id)
    return _delete(
        ctx, grants_table.c.repository_id == repository.id, grants_table.c.item_id == item_id
    )
