"""Grants of READ on audience placeholders and media assets, and what each user can read.

Both areas follow the API reference's "Access Control" model the same way (grants upserted by
grantee, an empty permission list removing one), so they share one table keyed by object kind and
id; the rules themselves are `rules.grantees`. Content grants (`grants.py`) differ: they are deleted
explicitly and batched, so they keep their own table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from evocalize_models import GrantInput

from ..context import Context
from ..errors import ApiError, invalid_field
from ..organizations import organization_column
from ..rules.grantees import GROUP, GROUP_ROLE, USER, USER_IN_GROUP, GranteeKey, reaches, upsert
from ..storage import metadata
from .groups import groups_table
from .users import memberships_table, users_table

AUDIENCE = "audience"
MEDIA = "media"

object_grants_table = sa.Table(
    "object_grants",
    metadata,
    organization_column(),
    sa.Column("object_kind", sa.String(16), primary_key=True),
    sa.Column("object_id", sa.String(255), primary_key=True),
    sa.Column("grantee_type", sa.String(32), primary_key=True),
    # Empty strings stand for "not used by this grantee type", so the key stays non-null.
    sa.Column("user_id", sa.String(255), primary_key=True),
    sa.Column("group_id", sa.String(255), primary_key=True),
    sa.Column("group_role", sa.String(32), primary_key=True),
    sa.Column("permissions", sa.Text, nullable=False),  # JSON list
)


def _key_of(row: Any) -> GranteeKey:
    return GranteeKey.of(
        row.grantee_type, row.user_id or None, row.group_id or None, row.group_role or None
    )


def checked_grants(
    ctx: Context, grants: Sequence[GrantInput] | None, field: str = "grants"
) -> list[tuple[GranteeKey, list[str]]]:
    """The grants of a request as grantee keys; a grantee lacking what its type needs is a 400
    naming the field, one naming a user or group that does not exist a 400
    `EV_BAD_REQUEST_INVALID_USER_IDENTITY` (the API reference: "unknown user or group")."""
    checked = []
    for number, grant in enumerate(grants or []):
        sent = grant.grantee
        key = GranteeKey.of(
            sent.type.value,
            sent.user_id,
            sent.group_id,
            sent.group_role.value if sent.group_role is not None else None,
        )
        where = f"{field}[{number}].grantee"
        missing = key.missing_field()
        if missing is not None:
            raise invalid_field(f"{where}.{missing}", f"a {key.type} grantee needs {missing}")
        if key.type in (USER, USER_IN_GROUP) and not _exists(ctx, users_table, key.user_id):
            raise ApiError(
                400,
                "EV_BAD_REQUEST_INVALID_USER_IDENTITY",
                f"no user {key.user_id}",
                f"{where}.userId",
            )
        if key.type in (GROUP, GROUP_ROLE, USER_IN_GROUP) and not _exists(
            ctx, groups_table, key.group_id
        ):
            raise ApiError(
                400,
                "EV_BAD_REQUEST_INVALID_USER_IDENTITY",
                f"no group {key.group_id}",
                f"{where}.groupId",
            )
        checked.append((key, [permission.value for permission in grant.permissions]))
    return checked


def _exists(ctx: Context, table: sa.Table, object_id: str | None) -> bool:
    found = ctx.conn.execute(sa.select(table.c.id).where(table.c.id == object_id)).first()
    return found is not None


def _rows(ctx: Context, kind: str, object_id: str) -> list[Any]:
    return list(
        ctx.conn.execute(
            sa.select(object_grants_table)
            .where(
                object_grants_table.c.object_kind == kind,
                object_grants_table.c.object_id == object_id,
            )
            .order_by(
                object_grants_table.c.grantee_type,
                object_grants_table.c.user_id,
                object_grants_table.c.group_id,
                object_grants_table.c.group_role,
            )
        ).all()
    )


def current_grants(ctx: Context, kind: str, object_id: str) -> dict[GranteeKey, tuple[str, ...]]:
    return {_key_of(row): tuple(json.loads(row.permissions)) for row in _rows(ctx, kind, object_id)}


def store_grants(
    ctx: Context, kind: str, object_id: str, changes: Iterable[tuple[GranteeKey, Sequence[str]]]
) -> None:
    """Upserts `changes` by grantee on the object; grantees not named keep their grants."""
    merged = upsert(current_grants(ctx, kind, object_id), changes)
    delete_grants(ctx, kind, object_id)
    if merged:
        ctx.conn.execute(
            sa.insert(object_grants_table),
            [
                {
                    "object_kind": kind,
                    "object_id": object_id,
                    "grantee_type": key.type,
                    "user_id": key.user_id or "",
                    "group_id": key.group_id or "",
                    "group_role": key.group_role or "",
                    "permissions": json.dumps(list(permissions)),
                }
                for key, permissions in merged.items()
            ],
        )


def delete_grants(ctx: Context, kind: str, object_id: str) -> None:
    ctx.conn.execute(
        sa.delete(object_grants_table).where(
            object_grants_table.c.object_kind == kind,
            object_grants_table.c.object_id == object_id,
        )
    )


def rendered_grants(ctx: Context, kind: str, object_id: str) -> list[dict[str, Any]]:
    """The object's grants as the spec's `Grant` objects, in a stable order."""
    return [
        {
            "grantee": _key_of(row).as_json(),
            "permissions": json.loads(row.permissions),
            "objectId": object_id,
        }
        for row in _rows(ctx, kind, object_id)
    ]


def memberships_of(ctx: Context, user_id: str) -> Mapping[str, str]:
    """The user's groups and role in each."""
    rows = ctx.conn.execute(
        sa.select(memberships_table.c.group_id, memberships_table.c.role).where(
            memberships_table.c.user_id == user_id
        )
    ).all()
    return {row.group_id: row.role for row in rows}


def readable_ids(ctx: Context, kind: str, user_id: str) -> set[str]:
    """The ids of the objects of `kind` on which a grant gives the user READ."""
    memberships = memberships_of(ctx, user_id)
    # Narrowed in SQL to the grants that could reach the user; `reaches` decides exactly.
    could_reach = sa.or_(
        object_grants_table.c.grantee_type == "ORGANIZATION",
        object_grants_table.c.user_id == user_id,
        object_grants_table.c.group_id.in_(list(memberships)),
    )
    rows = ctx.conn.execute(
        sa.select(object_grants_table).where(object_grants_table.c.object_kind == kind, could_reach)
    ).all()
    return {
        row.object_id
        for row in rows
        if "READ" in json.loads(row.permissions) and reaches(_key_of(row), user_id, memberships)
    }
