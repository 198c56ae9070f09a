"""Groups: created and renamed by the partner, one at a time or in batches (the API reference,
"Group Management API"). Users join them with a role (`users.py`)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from evocalize_models import GroupBatch, GroupInput
from pydantic import ValidationError
from sqlalchemy.engine import Connection

from ..context import Context, EntryContext, Reply, RequestContext, dump, ok
from ..organizations import organization_column
from ..registry import applies_entry, handles, seeds
from ..seed import SeedError
from ..storage import metadata
from ..validation import validate_python

groups_table = sa.Table(
    "groups",
    metadata,
    organization_column(),
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("name", sa.String(1024), nullable=False),
)


def render_group(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name": row.name}


def group_exists(ctx: Context, group_id: str) -> bool:
    found = ctx.conn.execute(
        sa.select(groups_table.c.id).where(groups_table.c.id == group_id)
    ).first()
    return found is not None


def upsert_group(conn: Connection, group: GroupInput) -> dict[str, Any]:
    updated = conn.execute(
        sa.update(groups_table).where(groups_table.c.id == group.id).values(name=group.name)
    ).rowcount
    if not updated:
        conn.execute(sa.insert(groups_table).values(id=group.id, name=group.name))
    return {"id": group.id, "name": group.name}


@handles("listGroups")
def list_groups(ctx: RequestContext) -> Reply:
    return ctx.page_of(sa.select(groups_table).order_by(groups_table.c.id), render_group)


@handles("createOrUpdateGroup")
def create_or_update_group(ctx: RequestContext) -> Reply:
    return ok(upsert_group(ctx.conn, ctx.body_as(GroupInput)), status=201)


@handles("createOrUpdateGroupBatch")
def create_or_update_group_batch(ctx: RequestContext) -> Reply:
    return ctx.enqueue_batch([dump(group) for group in ctx.body_as(GroupBatch).root])


@applies_entry("createOrUpdateGroupBatch")
def apply_group(ctx: EntryContext, entry: Any) -> None:
    upsert_group(ctx.conn, validate_python(GroupInput, entry))


@seeds("groups")
def seed_groups(conn: Connection, value: Any) -> None:
    """Groups a database starts with, as `createOrUpdateGroup` bodies (`{id, name}`)."""
    if not isinstance(value, list):
        raise SeedError("`groups` must be a list of groups")
    for number, raw in enumerate(value):
        try:
            group = GroupInput.model_validate(raw)
        except ValidationError as error:
            raise SeedError(f"groups[{number}] is invalid: {error}") from None
        upsert_group(conn, group)
