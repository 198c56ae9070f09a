"""Content repositories and their items (the API reference, "Content Management API").

Repositories come from the seed file (the API cannot create them); items are upserted into a
repository and checked against its typed fields: every value must name a field of the
repository and have its type (`string`, `number`, `boolean`, `date_time` as ISO 8601 text), a
null only where the field is nullable, and every non-nullable field must have a value.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from evocalize_models import ContentItemBatch, ContentItemInput, ItemIdBatch
from pydantic import ValidationError
from sqlalchemy.engine import Connection

from .. import cursor_reads
from ..context import Context, EntryContext, Reply, RequestContext, dump, ok
from ..errors import ApiError, invalid_field, not_found
from ..organizations import organization_column
from ..registry import applies_entry, handles, seeds
from ..seed import SeedError
from ..storage import metadata
from ..stored_json import decode_all

repositories_table = sa.Table(
    "repositories",
    metadata,
    organization_column(),
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("name", sa.String(1024), nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("is_writable", sa.Boolean, nullable=False, default=True),
    sa.Column("fields", sa.Text, nullable=False),  # JSON list of RepositoryField
)

items_table = sa.Table(
    "content_items",
    metadata,
    organization_column(),
    sa.Column("repository_id", sa.String(255), primary_key=True),
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("item_values", sa.Text, nullable=False),  # JSON object, `id` included
)


# Repositories ---------------------------------------------------------------------------------


@seeds("repositories")
def seed_repositories(conn: Connection, value: Any) -> None:
    from evocalize_models import Repository

    if not isinstance(value, list):
        raise SeedError("`repositories` must be a list of repositories")
    for number, raw in enumerate(value):
        try:
            repository = Repository.model_validate(raw)
        except ValidationError as error:
            raise SeedError(f"repositories[{number}] is invalid: {error}") from None
        row = {
            "name": repository.name,
            "description": repository.description,
            "is_writable": repository.is_writable if repository.is_writable is not None else True,
            "fields": json.dumps([dump(field) for field in repository.fields or []]),
        }
        updated = conn.execute(
            sa.update(repositories_table)
            .where(repositories_table.c.id == repository.id)
            .values(**row)
        ).rowcount
        if not updated:
            conn.execute(sa.insert(repositories_table).values(id=repository.id, **row))


def render_repository(row: Any, with_fields: bool = True) -> dict[str, Any]:
    rendered: dict[str, Any] = {"id": row.id, "name": row.name}
    if row.description is not None:
        rendered["description"] = row.description
    rendered["isWritable"] = bool(row.is_writable)
    if with_fields:
        rendered["fields"] = json.loads(row.fields)
    return rendered


def repository_row(ctx: Context) -> Any:
    """The repository of the path, or a 404."""
    repository_id = ctx.path_params["repositoryId"]
    row = ctx.conn.execute(
        sa.select(repositories_table).where(repositories_table.c.id == repository_id)
    ).first()
    if row is None:
        raise not_found("repository", "repositoryId")
    return row


def writable_repository_row(ctx: Context) -> Any:
    row = repository_row(ctx)
    if not row.is_writable:
        raise invalid_field("repositoryId", "this repository is read-only")
    return row


@handles("listRepositories")
def list_repositories(ctx: RequestContext) -> Reply:
    rows = ctx.conn.execute(sa.select(repositories_table).order_by(repositories_table.c.id))
    return ok([render_repository(row) for row in rows])


@handles("getRepository")
def get_repository(ctx: RequestContext) -> Reply:
    return ok(render_repository(repository_row(ctx)))


# Items ------------------------------------------------------------------------------------------


def item_exists(ctx: Context, repository_id: str, item_id: str) -> bool:
    return (
        ctx.conn.execute(
            sa.select(items_table.c.id).where(
                items_table.c.repository_id == repository_id, items_table.c.id == item_id
            )
        ).first()
        is not None
    )


# Built once: a batch upserts thousands of items, and building a statement per item cost more
# CPU than running it.
_ONE_ITEM = (
    items_table.c.repository_id == sa.bindparam("r"),
    items_table.c.id == sa.bindparam("i"),
)
_SELECT_VALUES = sa.select(items_table.c.item_values).where(*_ONE_ITEM)
_INSERT_ITEM = sa.insert(items_table).values(
    repository_id=sa.bindparam("r"), id=sa.bindparam("i"), item_values=sa.bindparam("v")
)
_UPDATE_VALUES = sa.update(items_table).where(*_ONE_ITEM).values(item_values=sa.bindparam("v"))
_SELECT_MANY_VALUES = sa.select(items_table.c.id, items_table.c.item_values).where(
    items_table.c.repository_id == sa.bindparam("r"),
    items_table.c.id.in_(sa.bindparam("ids", expanding=True)),
)


def _item_values(ctx: Context, repository_id: str, item_id: str) -> dict[str, Any] | None:
    stored = ctx.conn.execute(_SELECT_VALUES, {"r": repository_id, "i": item_id}).scalar()
    return None if stored is None else dict(json.loads(stored))


def _check_value(name: str, kind: str, value: Any) -> None:
    field = f"values.{name}"
    if kind == "string" and not isinstance(value, str):
        raise invalid_field(field, f"{name} must be a string")
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise invalid_field(field, f"{name} must be a number")
    if kind == "boolean" and not isinstance(value, bool):
        raise invalid_field(field, f"{name} must be true or false")
    if kind == "date_time":
        if not isinstance(value, str):
            raise invalid_field(field, f"{name} must be an ISO 8601 date-time string")
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise invalid_field(field, f"{name} must be an ISO 8601 date-time string") from None


def repository_fields(repository: Any) -> dict[str, Any]:
    """The repository's fields by name."""
    return {field["name"]: field for field in json.loads(repository.fields)}


def upsert_item(
    ctx: Context,
    repository: Any,
    explicit: dict[str, Any],
    fields: dict[str, Any] | None = None,
    stored: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Creates the item, or updates the values it sends (the others keep theirs): `explicit`
    is the item's `values` as sent (valid against ContentItemValues, nulls included: a null is
    how a client clears a nullable field). `fields` are the repository's, when the caller has
    them already; `stored` maps item ids read already to their stored values (None: no such
    item), and is kept up to date with what this writes. It checks everything before its one
    write (`writes_once`)."""
    if fields is None:
        fields = repository_fields(repository)
    item_id = explicit["id"]
    for name, value in explicit.items():
        if name == "id":
            continue
        field = fields.get(name)
        if field is None:
            raise invalid_field(f"values.{name}", f"the repository has no field {name}")
        if value is None:
            if not field["isNullable"]:
                raise invalid_field(f"values.{name}", f"{name} cannot be null")
            continue
        _check_value(name, field["type"], value)
    if stored is not None and item_id in stored:
        values = stored[item_id]
    else:
        values = _item_values(ctx, repository.id, item_id)
    merged = {**(values or {}), **explicit}
    for name, field in fields.items():
        if not field["isNullable"] and merged.get(name) is None:
            raise invalid_field(f"values.{name}", f"{name} is required")
    written = {"r": repository.id, "i": item_id, "v": json.dumps(merged)}
    cursor_reads.write(ctx.conn, _INSERT_ITEM if values is None else _UPDATE_VALUES, written)
    if stored is not None:
        stored[item_id] = merged
    return {"values": merged}


def delete_item_values(ctx: Context, repository_id: str, item_id: str) -> dict[str, Any]:
    """Deletes the item and the grants on it; returns its values, or a 404."""
    from .grants import delete_item_grants_rows

    values = _item_values(ctx, repository_id, item_id)
    if values is None:
        raise not_found("content item", "itemId")
    ctx.conn.execute(
        sa.delete(items_table).where(
            items_table.c.repository_id == repository_id, items_table.c.id == item_id
        )
    )
    delete_item_grants_rows(ctx, repository_id, item_id)
    return {"values": values}


@handles("getItem")
def get_item(ctx: RequestContext) -> Reply:
    repository = repository_row(ctx)
    values = _item_values(ctx, repository.id, ctx.path_params["itemId"])
    if values is None:
        raise not_found("content item", "itemId")
    return ok({"values": values})


@handles("createOrUpdateItem")
def create_or_update_item(ctx: RequestContext) -> Reply:
    repository = writable_repository_row(ctx)
    values = ctx.body_as(ContentItemInput).values.model_dump(mode="json", by_alias=True)
    return ok(upsert_item(ctx, repository, values), status=201)


@handles("createOrUpdateItemBatch")
def create_or_update_item_batch(ctx: RequestContext) -> Reply:
    writable_repository_row(ctx)
    items = ctx.body_as(ContentItemBatch).root
    return ctx.enqueue_batch(items)


def _group_repository(ctx: EntryContext) -> tuple[Any, dict[str, Any]]:
    """The writable repository of a batch entry and its fields, read once per group of
    entries (the API never changes a repository; the seed does, before serving)."""

    def read() -> tuple[Any, dict[str, Any]]:
        repository = writable_repository_row(ctx)
        return repository, repository_fields(repository)

    key = ("writable repository", ctx.path_params["repositoryId"])
    return ctx.sandbox.batches.group_memo(key, read)


def _group_stored_values(ctx: EntryContext, repository_id: str) -> dict[str, Any]:
    """The stored values of the items the group's entries name (None for those that do not
    exist), read in one query instead of one per entry; `upsert_item` keeps it current. The
    group's transaction holds the write lock on SQLite, so no one else changes them meanwhile."""

    def read() -> dict[str, Any]:
        ids = {
            entry["values"]["id"]
            for entry in ctx.sandbox.batches.group_entries()
            if isinstance(entry, dict)
            and isinstance(entry.get("values"), dict)
            and isinstance(entry["values"].get("id"), str)
        }
        if not ids:
            return {}
        found = ctx.conn.execute(
            _SELECT_MANY_VALUES, {"r": repository_id, "ids": sorted(ids)}
        ).all()
        stored: dict[str, Any] = dict.fromkeys(ids)
        values = decode_all([row.item_values for row in found])
        stored.update((row.id, dict(value)) for row, value in zip(found, values, strict=True))
        return stored

    return ctx.sandbox.batches.group_memo(("stored item values", repository_id), read)


@applies_entry("createOrUpdateItemBatch", writes_once=True)
def apply_item(ctx: EntryContext, entry: Any) -> None:
    # Checked against ContentItemInput when the batch was accepted, and stored as its
    # model's JSON: validating it again would cost a batch more than applying it.
    repository, fields = _group_repository(ctx)
    stored = _group_stored_values(ctx, repository.id)
    upsert_item(ctx, repository, entry["values"], fields, stored)


@handles("deleteItem")
def delete_item(ctx: RequestContext) -> Reply:
    repository = writable_repository_row(ctx)
    return ok(delete_item_values(ctx, repository.id, ctx.path_params["itemId"]))


@handles("deleteItemBatch")
def delete_item_batch(ctx: RequestContext) -> Reply:
    writable_repository_row(ctx)
    return ctx.enqueue_batch([item_id.root for item_id in ctx.body_as(ItemIdBatch).root])


@applies_entry("deleteItemBatch")
def apply_item_deletion(ctx: EntryContext, entry: Any) -> None:
    if not isinstance(entry, str):
        raise ApiError(400, "EV_BAD_REQUEST_MALFORMED", "an item id must be a string")
    repository, _ = _group_repository(ctx)
    delete_item_values(ctx, repository.id, entry)
