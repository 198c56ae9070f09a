"""Content Access V1 (deprecated, still served): access records saying which users, groups or
group roles may use, and perhaps edit, a content item (the API reference, "Content Access API V1").

A record is keyed by item, user (or none), group and role; an upsert updates `canEdit` and
revives a deleted record. Deleting marks records deleted (the listing's `deletedOnly` shows
them) and counts them; every filter field must be sent, null matching any value.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from evocalize_models import AccessRecordBatch, AccessRecordFilter, AccessRecordInput

from ..context import Context, EntryContext, Reply, RequestContext, ok
from ..errors import not_found
from ..organizations import organization_column
from ..registry import applies_entry, handles
from ..storage import metadata
from ..validation import validate_python
from .content import item_exists, repository_row

access_table = sa.Table(
    "access_records",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    organization_column(primary_key=False),
    sa.Column("repository_id", sa.String(255), nullable=False),
    sa.Column("content_item_id", sa.String(255), nullable=False),
    sa.Column("user_id", sa.String(255)),
    sa.Column("group_id", sa.String(255), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("can_edit", sa.Boolean, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.Index(
        "access_records_key",
        "organization",
        "repository_id",
        "content_item_id",
        "group_id",
        "role",
    ),
)


def render_record(row: Any) -> dict[str, Any]:
    return {
        "contentItemId": row.content_item_id,
        "userId": row.user_id,
        "groupId": row.group_id,
        "canEdit": bool(row.can_edit),
        "role": row.role,
        "deleted": bool(row.deleted),
    }


def upsert_record(ctx: Context, repository_id: str, record: AccessRecordInput) -> dict[str, Any]:
    if not item_exists(ctx, repository_id, record.content_item_id):
        raise not_found("content item", "contentItemId")
    role = record.role.value
    where = (
        access_table.c.repository_id == repository_id,
        access_table.c.content_item_id == record.content_item_id,
        access_table.c.user_id.is_(None)
        if record.user_id is None
        else access_table.c.user_id == record.user_id,
        access_table.c.group_id == record.group_id,
        access_table.c.role == role,
    )
    values = {"can_edit": record.can_edit, "deleted": False}
    if not ctx.conn.execute(sa.update(access_table).where(*where).values(**values)).rowcount:
        ctx.conn.execute(
            sa.insert(access_table).values(
                repository_id=repository_id,
                content_item_id=record.content_item_id,
                user_id=record.user_id,
                group_id=record.group_id,
                role=role,
                **values,
            )
        )
    row = ctx.conn.execute(sa.select(access_table).where(*where)).first()
    return render_record(row)


def _listing(ctx: RequestContext, *where: sa.ColumnElement[bool]) -> Reply:
    query = ctx.query
    conditions = [*where, access_table.c.deleted.is_(bool(query.get("deletedOnly", False)))]
    if "userId" in query:
        conditions.append(access_table.c.user_id == query["userId"])
    if "groupId" in query:
        conditions.append(access_table.c.group_id == query["groupId"])
    if "role" in query:
        conditions.append(access_table.c.role == query["role"])
    statement = sa.select(access_table).where(*conditions).order_by(access_table.c.seq)
    return ctx.page_of(statement, render_record)


def _delete(ctx: RequestContext, *where: sa.ColumnElement[bool]) -> Reply:
    wanted = ctx.body_as(AccessRecordFilter)
    conditions = [*where, access_table.c.deleted.is_(False)]
    if wanted.user_id is not None:
        conditions.append(access_table.c.user_id == wanted.user_id)
    if wanted.group_id is not None:
        conditions.append(access_table.c.group_id == wanted.group_id)
    if wanted.role is not None:
        conditions.append(access_table.c.role == wanted.role.value)
    deleted = ctx.conn.execute(
        sa.update(access_table).where(*conditions).values(deleted=True)
    ).rowcount
    return ok({"numberOfAccessRecordsDeleted": deleted})


@handles("listAccessRecords")
def list_access_records(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    return _listing(ctx, access_table.c.repository_id == repository.id)


@handles("listItemAccessRecords")
def list_item_access_records(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    return _listing(
        ctx,
        access_table.c.repository_id == repository.id,
        access_table.c.content_item_id == ctx.path_params["contentItemId"],
    )


@handles("createOrUpdateAccessRecord")
def create_or_update_access_record(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    return ok(upsert_record(ctx, repository.id, ctx.body_as(AccessRecordInput)), status=201)


@handles("createOrUpdateAccessRecordBatch")
def create_or_update_access_record_batch(ctx: RequestContext) -> Reply:
    repository_row(ctx)
    records = ctx.body_as(AccessRecordBatch).root
    return ctx.enqueue_batch([r.model_dump(mode="json", by_alias=True) for r in records])


@applies_entry("createOrUpdateAccessRecordBatch")
def apply_access_record(ctx: EntryContext, entry: Any) -> None:
    repository = repository_row(ctx)
    upsert_record(ctx, repository.id, validate_python(AccessRecordInput, entry))


@handles("deleteAccessRecords")
def delete_access_records(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    return _delete(ctx, access_table.c.repository_id == repository.id)


@handles("deleteItemAccessRecords")
def delete_item_access_records(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    return _delete(
        ctx,
        access_table.c.repository_id == repository.id,
        access_table.c.content_item_id == ctx.path_params["contentItemId"],
    )
