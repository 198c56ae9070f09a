"""Audience placeholders (the API reference, "Audience Manager API"): created empty or from a
provided Facebook audience, filled by a CSV upload, shared through grants, listed per user.

The lifecycle is `rules.audiences`. Processing completes `audience_processing_seconds` after
the upload (a `Settings` attribute when present, else the API reference's 24 hours), applied when
the placeholder is next read, so the sandbox clock drives it. The API reference: an unknown
placeholder is a 403 for the CSV upload and for grants, a 404 for reads.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import sqlalchemy as sa
from evocalize_models import (
    AudienceCsvUpload,
    AudiencePlaceholderInput,
    GrantsInput,
    ProvidedAudienceInput,
)
from sqlalchemy.engine import Connection

from ..context import Context, Reply, RequestContext, ok
from ..errors import ApiError, not_found
from ..organizations import organization_column
from ..registry import handles, seeds
from ..rules import audiences as rules
from ..rules.audiences import ChannelAudience, PlaceholderState
from ..seed import SeedError
from ..storage import metadata
from .object_grants import AUDIENCE, checked_grants, readable_ids, rendered_grants, store_grants
from .rule_errors import refused_as_400
from .users import existing_user

# AudiencePlaceholderList holds at most this many placeholders (it does not page).
USER_LIST_LIMIT = 1000

placeholders_table = sa.Table(
    "audience_placeholders",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    organization_column(primary_key=False),
    sa.Column("id", sa.String(255), nullable=False),
    sa.Column("state", sa.Text, nullable=False),  # JSON of PlaceholderState
    sa.UniqueConstraint("organization", "id"),
)


def processing_seconds(ctx: Context) -> float:
    return ctx.sandbox.settings.audience_processing_seconds


def _load(state: str) -> PlaceholderState:
    fields = json.loads(state)
    fields["tags"] = tuple(fields["tags"])
    fields["audiences"] = tuple(ChannelAudience(**a) for a in fields["audiences"])
    return PlaceholderState(**fields)


def _dump(placeholder: PlaceholderState) -> str:
    return json.dumps(asdict(placeholder))


def _settled(ctx: Context, row: Any) -> PlaceholderState:
    """The placeholder as of now, stored again if processing completed since last read."""
    stored = _load(row.state)
    current = rules.settle(stored, ctx.now(), processing_seconds(ctx))
    if current != stored:
        _save(ctx, current)
    return current


def _save(ctx: Context, placeholder: PlaceholderState) -> None:
    ctx.conn.execute(
        sa.update(placeholders_table)
        .where(placeholders_table.c.id == placeholder.id)
        .values(state=_dump(placeholder))
    )


def _row(ctx: Context, placeholder_id: str) -> Any:
    return ctx.conn.execute(
        sa.select(placeholders_table).where(placeholders_table.c.id == placeholder_id)
    ).first()


def _existing(ctx: RequestContext, missing_status: int) -> PlaceholderState:
    row = _row(ctx, ctx.path_params["placeholderId"])
    if row is None:
        if missing_status == 404:
            raise not_found("audience placeholder", "placeholderId")
        raise ApiError(
            403,
            "EV_OBJECT_NOT_FOUND",
            "no such audience placeholder, or no privilege on it",
            "placeholderId",
        )
    return _settled(ctx, row)


def render(placeholder: PlaceholderState, with_audiences: bool = True) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "placeholderId": placeholder.id,
        "name": placeholder.name,
        "description": placeholder.description,
        "status": placeholder.status,
        "tags": list(placeholder.tags),
    }
    if with_audiences:
        # `potentialSize` is shown as null while an audience is being created (the API reference).
        rendered["audiences"] = [
            {
                "channel": a.channel,
                "channelAudienceId": a.channel_audience_id,
                "name": a.name,
                "description": a.description,
                "type": a.type,
                "potentialSize": a.potential_size,
                "status": a.status,
            }
            for a in placeholder.audiences
        ]
    return rendered


def _insert(ctx: Context, placeholder: PlaceholderState) -> None:
    ctx.conn.execute(
        sa.insert(placeholders_table).values(id=placeholder.id, state=_dump(placeholder))
    )


@seeds("audiencePlaceholders")
def seed_audience_placeholders(conn: Connection, value: Any) -> None:
    """Empty placeholders a database starts with, as `{id, name, description?, tags?}`: ids
    known in advance, so that a fuzz run's CSV uploads can name one that takes a CSV."""
    if not isinstance(value, list):
        raise SeedError("`audiencePlaceholders` must be a list of placeholders")
    for number, raw in enumerate(value):
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name"):
            raise SeedError(f"audiencePlaceholders[{number}] needs an id and a name")
        placeholder = rules.created(
            str(raw["id"]), str(raw["name"]), raw.get("description"), list(raw.get("tags", ()))
        )
        conn.execute(
            sa.insert(placeholders_table).values(id=placeholder.id, state=_dump(placeholder))
        )


@handles("createAudiencePlaceholder")
def create_audience_placeholder(ctx: RequestContext) -> Reply:
    sent = ctx.body_as(AudiencePlaceholderInput)
    grants = checked_grants(ctx, sent.grants)
    tags = [tag.root for tag in sent.tags or []]
    placeholder = rules.created(ctx.new_id(), sent.name, sent.description, tags)
    _insert(ctx, placeholder)
    store_grants(ctx, AUDIENCE, placeholder.id, grants)
    # The API reference's create answer has no `audiences`: a new placeholder has none.
    return ok(render(placeholder, with_audiences=False))


@handles("addProvidedAudience")
def add_provided_audience(ctx: RequestContext) -> Reply:
    sent = ctx.body_as(ProvidedAudienceInput)
    grants = checked_grants(ctx, sent.grants)
    with refused_as_400():
        placeholder = rules.provided(
            ctx.new_id(),
            sent.channel.value,
            sent.channel_audience_id,
            sent.name,
            sent.description,
            [tag.root for tag in sent.tags or []],
        )
    _insert(ctx, placeholder)
    store_grants(ctx, AUDIENCE, placeholder.id, grants)
    return ok(render(placeholder))


@handles("uploadAudienceCsv")
def upload_audience_csv(ctx: RequestContext) -> Reply:
    placeholder = _existing(ctx, missing_status=403)
    data = ctx.body_as(AudienceCsvUpload).file
    with refused_as_400():
        processing = rules.upload(placeholder, data, ctx.now())
    _save(ctx, processing)
    # The API reference's upload answer shows the placeholder without its audiences.
    return ok(render(processing, with_audiences=False))


@handles("getAudiencePlaceholder", writes=True)  # settles a finished upload (`_settled`)
def get_audience_placeholder(ctx: RequestContext) -> Reply:
    return ok(render(_existing(ctx, missing_status=404)))


@handles("listAudiencePlaceholders", writes=True)  # settles a finished upload (`_settled`)
def list_audience_placeholders(ctx: RequestContext) -> Reply:
    return ctx.page_of(
        sa.select(placeholders_table).order_by(placeholders_table.c.seq),
        lambda row: render(_settled(ctx, row)),
    )


@handles("upsertAudiencePlaceholderGrants")
def upsert_audience_placeholder_grants(ctx: RequestContext) -> Reply:
    placeholder = _existing(ctx, missing_status=403)
    grants = checked_grants(ctx, ctx.body_as(GrantsInput).grants)
    store_grants(ctx, AUDIENCE, placeholder.id, grants)
    return ok(render(placeholder, with_audiences=False))


@handles("listAudiencePlaceholderGrants", writes=True)  # settles a finished upload (`_settled`)
def list_audience_placeholder_grants(ctx: RequestContext) -> Reply:
    placeholder = _existing(ctx, missing_status=403)
    window = ctx.page_window()
    grants = rendered_grants(ctx, AUDIENCE, placeholder.id)
    return ctx.page(
        grants[window.offset : window.offset + window.limit + 1],
        window,
        shape=lambda page: {"grants": page},
    )


@handles("listUserAudiencePlaceholders", writes=True)  # settles a finished upload (`_settled`)
def list_user_audience_placeholders(ctx: RequestContext) -> Reply:
    user = existing_user(ctx)
    readable = sorted(readable_ids(ctx, AUDIENCE, user.id))
    rows = ctx.conn.execute(
        sa.select(placeholders_table)
        .where(placeholders_table.c.id.in_(readable))
        .order_by(placeholders_table.c.seq)
        .limit(USER_LIST_LIMIT)
    ).all()
    return ok([render(_settled(ctx, row)) for row in rows])
