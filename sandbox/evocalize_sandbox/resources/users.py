"""Users and their group associations (the API reference, "User Management API").

A user is keyed by the partner's id; on creation `name` and `email` are required, on update
only what is sent changes. `groups` adds or re-roles associations, and with `replaceGroups`
replaces them all; every group must exist first. An email already used by another user id is
`EV_BAD_REQUEST_DUPLICATE`, the API reference's example of a batch error.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from evocalize_models import UserBatch, UserInput
from pydantic import ValidationError
from sqlalchemy.engine import Connection

from .. import cursor_reads
from ..context import Context, EntryContext, Reply, RequestContext, ok
from ..errors import ApiError, invalid_field, not_found, unknown_identity
from ..organizations import organization_column, same_organization
from ..registry import applies_entry, handles, seeds
from ..seed import SeedError
from ..storage import metadata
from ..validation import validate_python
from .groups import groups_table

users_table = sa.Table(
    "users",
    metadata,
    organization_column(),
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("name", sa.String(1024), nullable=False),
    sa.Column("email", sa.String(1024), nullable=False, index=True),
    # Unix seconds of the last deactivation (DELETE user/{userId}); null while active.
    sa.Column("deactivated_at", sa.Float),
)
# Every upsert that sends an email looks for another user with it, ignoring case
# (`_OTHER_USER_WITH_EMAIL`): without this index, each one read all of the organization's users.
sa.Index(
    "ix_users_organization_lower_email",
    users_table.c.organization,
    sa.func.lower(users_table.c.email),
)

memberships_table = sa.Table(
    "user_groups",
    metadata,
    organization_column(),
    sa.Column("user_id", sa.String(255), primary_key=True),
    sa.Column("group_id", sa.String(255), primary_key=True),
    sa.Column("role", sa.String(32), nullable=False),
)

facebook_pages_table = sa.Table(
    "facebook_pages",
    metadata,
    organization_column(),
    sa.Column("user_id", sa.String(255), primary_key=True),
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("facebook_page_name", sa.String(1024), nullable=False),
    sa.Column("facebook_page_id", sa.String(255), nullable=False),
    sa.Column("instagram_id", sa.String(255)),
)


# The statements of the hottest reads, built once: building a statement costs SQLAlchemy several
# times more than executing it.
_USER_BY_ID = sa.select(users_table).where(users_table.c.id == sa.bindparam("user_id"))
# A user and its groups in one statement: a row per membership, or one row without any.
_USER_WITH_GROUPS = (
    sa.select(
        users_table.c.id,
        users_table.c.name,
        users_table.c.email,
        memberships_table.c.group_id,
        memberships_table.c.role,
        groups_table.c.name.label("group_name"),
    )
    .join(
        memberships_table,
        same_organization(memberships_table.c.user_id == users_table.c.id),
        isouter=True,
    )
    .join(
        groups_table,
        same_organization(groups_table.c.id == memberships_table.c.group_id),
        isouter=True,
    )
    .where(users_table.c.id == sa.bindparam("user_id"))
    .order_by(memberships_table.c.group_id)
)

_USERS_LISTED = sa.select(users_table.c.id, users_table.c.name, users_table.c.email).order_by(
    users_table.c.id
)

_OTHER_USER_WITH_EMAIL = sa.select(users_table.c.id).where(
    sa.func.lower(users_table.c.email) == sa.bindparam("email"),
    users_table.c.id != sa.bindparam("user_id"),
)
_GROUP_EXISTS = sa.select(groups_table.c.id).where(groups_table.c.id == sa.bindparam("group_id"))
# The writes of an upsert, each built once and run on the cursor (cursor_reads): a user is
# written on every createOrUpdateUser, the API's hottest write.
_USER_EXISTS = sa.select(users_table.c.id).where(users_table.c.id == sa.bindparam("user_id"))
_INSERT_USER = sa.insert(users_table).values(
    id=sa.bindparam("user_id"), name=sa.bindparam("name"), email=sa.bindparam("email")
)
# A null parameter keeps the stored value: an update changes only what it sends.
_UPDATE_USER = (
    sa.update(users_table)
    .where(users_table.c.id == sa.bindparam("user_id"))
    .values(
        name=sa.func.coalesce(sa.bindparam("name", type_=sa.String), users_table.c.name),
        email=sa.func.coalesce(sa.bindparam("email", type_=sa.String), users_table.c.email),
    )
)
_ONE_MEMBERSHIP = (
    memberships_table.c.user_id == sa.bindparam("user_id"),
    memberships_table.c.group_id == sa.bindparam("group_id"),
)
_UPDATE_ROLE = (
    sa.update(memberships_table).where(*_ONE_MEMBERSHIP).values(role=sa.bindparam("role"))
)
_INSERT_MEMBERSHIP = sa.insert(memberships_table).values(
    user_id=sa.bindparam("user_id"), group_id=sa.bindparam("group_id"), role=sa.bindparam("role")
)


def user_row(conn: Connection, user_id: str) -> Any:
    return conn.execute(_USER_BY_ID, {"user_id": user_id}).first()


def existing_user(ctx: Context) -> Any:
    """The user of the path, or a 404."""
    row = user_row(ctx.conn, ctx.path_params["userId"])
    if row is None:
        raise not_found("user", "userId")
    return row


def user_with_groups(conn: Connection, user_id: str) -> dict[str, Any] | None:
    """The user as getUser answers it (with its groups), or None."""
    # The hottest read of all: on the cursor (text columns only; see cursor_reads).
    rows = cursor_reads.all_rows(conn, _USER_WITH_GROUPS, {"user_id": user_id})
    if not rows:
        return None
    groups = []
    for *_, group_id, role, group_name in rows:
        if group_id is None:
            continue  # the user has no group
        group: dict[str, Any] = {"id": group_id, "role": role}
        if group_name is not None:
            group["name"] = group_name
        groups.append(group)
    user_id, name, email, *_ = rows[0]
    return {"id": user_id, "name": name, "email": email, "groups": groups}


def upsert_user(conn: Connection, user: UserInput) -> dict[str, Any]:
    exists = cursor_reads.first_row(conn, _USER_EXISTS, {"user_id": user.id}) is not None
    if not exists:
        for name in ("name", "email"):
            if getattr(user, name) is None:
                raise invalid_field(name, f"{name} is required to create a user")
    if user.email is not None:
        other = cursor_reads.first_row(
            conn, _OTHER_USER_WITH_EMAIL, {"email": user.email.lower(), "user_id": user.id}
        )
        if other is not None:
            raise ApiError(
                400,
                "EV_BAD_REQUEST_DUPLICATE",
                f"user with {user.email} has already been associated to another user id",
                "email",
            )
    for number, association in enumerate(user.groups or []):
        known = cursor_reads.first_row(conn, _GROUP_EXISTS, {"group_id": association.group_id})
        if known is None:
            raise unknown_identity(
                f"groups[{number}].groupId", f"no group {association.group_id}; create it first"
            )
    written = {"user_id": user.id, "name": user.name, "email": user.email}
    if not exists:
        cursor_reads.write(conn, _INSERT_USER, written)
    elif user.name is not None or user.email is not None:
        cursor_reads.write(conn, _UPDATE_USER, written)
    if user.replace_groups and user.groups is not None:
        conn.execute(sa.delete(memberships_table).where(memberships_table.c.user_id == user.id))
    for association in user.groups or []:
        membership = {
            "user_id": user.id,
            "group_id": association.group_id,
            "role": association.role.value,
        }
        if not cursor_reads.write(conn, _UPDATE_ROLE, membership):
            cursor_reads.write(conn, _INSERT_MEMBERSHIP, membership)
    stored = user_with_groups(conn, user.id)
    assert stored is not None  # written above, in this transaction
    return stored


@handles("getUser")
def get_user(ctx: RequestContext) -> Reply:
    user = user_with_groups(ctx.conn, ctx.path_params["userId"])
    if user is None:
        raise not_found("user", "userId")
    return ok(user)


@handles("listUsers")
def list_users(ctx: RequestContext) -> Reply:
    # The API reference's listing shows users without their groups; getUser has them.
    return ctx.page_on_cursor(
        _USERS_LISTED, lambda row: {"id": row[0], "name": row[1], "email": row[2]}
    )


@handles("createOrUpdateUser")
def create_or_update_user(ctx: RequestContext) -> Reply:
    return ok(upsert_user(ctx.conn, ctx.body_as(UserInput)), status=201)


@handles("createOrUpdateUserBatch")
def create_or_update_user_batch(ctx: RequestContext) -> Reply:
    users = ctx.body_as(UserBatch).root
    return ctx.enqueue_batch(
        [user.model_dump(mode="json", by_alias=True, exclude_unset=True) for user in users]
    )


@applies_entry("createOrUpdateUserBatch")
def apply_user(ctx: EntryContext, entry: Any) -> None:
    upsert_user(ctx.conn, validate_python(UserInput, entry))


@handles("deactivateUser")
def deactivate_user(ctx: RequestContext) -> Reply:
    row = existing_user(ctx)
    ctx.conn.execute(
        sa.update(users_table).where(users_table.c.id == row.id).values(deactivated_at=ctx.now())
    )
    return Reply(202)


@handles("listUserFacebookPages")
def list_user_facebook_pages(ctx: RequestContext) -> Reply:
    user = existing_user(ctx)
    statement = (
        sa.select(facebook_pages_table)
        .where(facebook_pages_table.c.user_id == user.id)
        .order_by(facebook_pages_table.c.id)
    )

    def render(row: Any) -> dict[str, Any]:
        page = {
            "id": row.id,
            "facebookPageName": row.facebook_page_name,
            "facebookPageId": row.facebook_page_id,
        }
        if row.instagram_id is not None:
            page["instagramId"] = row.instagram_id
        return page

    return ctx.page_of(statement, render)


@seeds("users")
def seed_users(conn: Connection, value: Any) -> None:
    """Users a database starts with, as `createOrUpdateUser` bodies; their groups must be in
    the seed's `groups` (sections load in the order the file gives them)."""
    if not isinstance(value, list):
        raise SeedError("`users` must be a list of users")
    for number, raw in enumerate(value):
        try:
            upsert_user(conn, UserInput.model_validate(raw))
        except ValidationError as error:
            raise SeedError(f"users[{number}] is invalid: {error}") from None
        except ApiError as error:
            raise SeedError(f"users[{number}] is refused: {error.message}") from None


@seeds("facebookPages")
def seed_facebook_pages(conn: Connection, value: Any) -> None:
    """Facebook pages are connected in Evocalize's app, not through the API: the seed gives
    them, as `{userId, id, facebookPageName, facebookPageId, instagramId?}` entries."""
    if not isinstance(value, list):
        raise SeedError("`facebookPages` must be a list")
    for number, page in enumerate(value):
        try:
            row = {
                "facebook_page_name": str(page["facebookPageName"]),
                "facebook_page_id": str(page["facebookPageId"]),
                "instagram_id": page.get("instagramId"),
            }
            key = (str(page["userId"]), str(page["id"]))
        except (KeyError, TypeError, AttributeError):
            raise SeedError(
                f"facebookPages[{number}] needs userId, id, facebookPageName, facebookPageId"
            ) from None
        where = (facebook_pages_table.c.user_id == key[0], facebook_pages_table.c.id == key[1])
        if not conn.execute(sa.update(facebook_pages_table).where(*where).values(**row)).rowcount:
            conn.execute(sa.insert(facebook_pages_table).values(user_id=key[0], id=key[1], **row))
