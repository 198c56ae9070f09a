"""Media assets (the API reference, "Digital Asset Management API"): images and videos imported by
URL, readable by the users their grants reach, and the media library of one user.

The API reference: an asset that does not exist, including one deleted, is a 403 on read, delete and
grants ("no privilege or no such media"), never a 404; deleting answers 200 without a body.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from evocalize_models import GrantsInput, MediaBatch, MediaInput

from ..context import Context, EntryContext, Reply, RequestContext, dump, ok
from ..errors import ApiError
from ..organizations import organization_column
from ..registry import applies_entry, handles
from ..rules import media as media_rules
from ..storage import metadata
from ..validation import validate_python
from .object_grants import (
    MEDIA,
    checked_grants,
    delete_grants,
    readable_ids,
    rendered_grants,
    store_grants,
)
from .rule_errors import refused_as_400
from .users import existing_user

media_table = sa.Table(
    "media",
    metadata,
    organization_column(),
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("name", sa.String(512), nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("url", sa.String(2048), nullable=False),
)


def _render(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "type": row.type, "url": row.url}


def _row(ctx: Context, media_id: str) -> Any:
    return ctx.conn.execute(sa.select(media_table).where(media_table.c.id == media_id)).first()


def _existing(ctx: RequestContext) -> Any:
    row = _row(ctx, ctx.path_params["id"])
    if row is None:
        raise ApiError(403, "EV_OBJECT_NOT_FOUND", "no such media, or no privilege on it", "id")
    return row


def upsert_media(ctx: Context, media: MediaInput) -> dict[str, Any]:
    """Creates the asset or updates its name and URL; its type never changes."""
    current = _row(ctx, media.id)
    with refused_as_400():
        media_rules.check_update(current.type if current is not None else None, media.type.value)
    grants = checked_grants(ctx, media.grants)
    values = {"name": media.name, "type": media.type.value, "url": media.url}
    if current is None:
        ctx.conn.execute(sa.insert(media_table).values(id=media.id, **values))
    else:
        ctx.conn.execute(
            sa.update(media_table).where(media_table.c.id == media.id).values(**values)
        )
    store_grants(ctx, MEDIA, media.id, grants)
    return {"id": media.id, **values}


@handles("createOrUpdateMedia")
def create_or_update_media(ctx: RequestContext) -> Reply:
    return ok(upsert_media(ctx, ctx.body_as(MediaInput)))


@handles("createOrUpdateMediaBatch")
def create_or_update_media_batch(ctx: RequestContext) -> Reply:
    return ctx.enqueue_batch([dump(media) for media in ctx.body_as(MediaBatch).root])


@applies_entry("createOrUpdateMediaBatch")
def apply_media(ctx: EntryContext, entry: Any) -> None:
    upsert_media(ctx, validate_python(MediaInput, entry))


@handles("getMedia")
def get_media(ctx: RequestContext) -> Reply:
    return ok(_render(_existing(ctx)))


@handles("deleteMedia")
def delete_media(ctx: RequestContext) -> Reply:
    row = _existing(ctx)
    ctx.conn.execute(sa.delete(media_table).where(media_table.c.id == row.id))
    delete_grants(ctx, MEDIA, row.id)
    return Reply(200)


@handles("upsertMediaGrants")
def upsert_media_grants(ctx: RequestContext) -> Reply:
    row = _existing(ctx)
    store_grants(ctx, MEDIA, row.id, checked_grants(ctx, ctx.body_as(GrantsInput).grants))
    return ok(_render(row))


@handles("listMediaGrants")
def list_media_grants(ctx: RequestContext) -> Reply:
    row = _existing(ctx)
    return ok({"grants": rendered_grants(ctx, MEDIA, row.id)})


@handles("listUserMedia")
def list_user_media(ctx: RequestContext) -> Reply:
    user = existing_user(ctx)
    readable = readable_ids(ctx, MEDIA, user.id)
    statement = sa.select(media_table).where(media_table.c.id.in_(sorted(readable)))
    wanted = ctx.query.get("type")
    if wanted is not None:
        statement = statement.where(media_table.c.type == getattr(wanted, "value", wanted))
    return ctx.page_of(statement.order_by(media_table.c.id), _render)
