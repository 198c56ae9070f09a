"""Organizations: whose data a request sees (docs/decisions.md, "Organizations in the sandbox").

Every client key belongs to one organization, by default its own (the key id names it); keys
given as `KEY_ID@ORGANIZATION` share the organization named. Users, groups, repositories,
items, grants, access records, media, audiences, orders, products and batch reports belong to
an organization: their tables have an `organization` column (`organization_column`), and a
key sees only its organization's rows.

The scope is applied in one place, not in each resource: a connection is given its organization
(`scope`), and `scoped` adds the organization to every statement run on it, as SQLAlchemy
executes it (`install`) and on the raw cursor (`cursor_reads`). INSERTs get its value, UPDATEs
and DELETEs a WHERE, SELECTs a WHERE on each scoped table of their FROM. An outer join to a
scoped table must match the organization in its ON clause (a WHERE would turn it into an inner
join); a subquery is not scoped, so none may read a scoped table. A connection without an
organization (start-up, the batch worker claiming reports, the credential checks) sees every
row.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import visitors

COLUMN = "organization"
# The bound parameter that gives a scoped statement its organization.
PARAMETER = "evocalize_organization"
_VALUE = sa.bindparam(PARAMETER, type_=sa.String(255))
# Separates a key id from the organization it joins, in `--client` and `create_app(clients=)`.
SEPARATOR = "@"


# Marks the columns made by `organization_column`: what makes a table scoped (the credentials'
# table has an `organization` column too, naming the organization a key belongs to).
_SCOPES = "evocalize_scopes_rows"


class CredentialError(ValueError):
    """A credential whose key id or organization is empty."""


def organization_column(*, primary_key: bool = True) -> sa.Column[str]:
    """The column that makes a table's rows belong to an organization. Part of the primary key,
    so that two organizations can each have an object with the same id; a table whose key is
    an autoincrement counter (which SQLite allows only alone) keeps it out of the key and puts
    it in its unique constraints instead."""
    return sa.Column(
        COLUMN, sa.String(255), primary_key=primary_key, nullable=False, info={_SCOPES: True}
    )


def split_key_id(spec: str) -> tuple[str, str | None]:
    """`KEY_ID@ORGANIZATION` -> (key id, organization); a bare key id has no organization of
    its own choosing (None: it is its own). Split at the last `@`, so a key id may hold one."""
    key_id, separator, organization = spec.rpartition(SEPARATOR)
    if not separator:
        return spec, None
    if not key_id or not organization:
        raise CredentialError(
            f"expected KEY_ID or KEY_ID{SEPARATOR}ORGANIZATION, not {spec!r}: "
            "neither part may be empty"
        )
    return key_id, organization


def seeded_marker(organization: str) -> str:
    """The name of the setting that says `organization` got its seed: hashed, since a setting's
    name is short and an organization's may not be."""
    return "seeded:" + hashlib.sha256(organization.encode("utf-8")).hexdigest()


def organization_of(key_id: str, organization: str | None) -> str:
    """A key's organization: the one it was given, else its own, named by its key id."""
    return organization if organization else key_id


# Each connection's organization. Kept beside the connection rather than as an execution option
# of it: setting one costs several times what a simple read does, and every request sets it.
_SCOPE_OF: weakref.WeakKeyDictionary[Connection, str] = weakref.WeakKeyDictionary()


def set_scope(conn: Connection, organization: str | None) -> None:
    """From now on, `conn` runs its statements as `organization` sees them (None: unscoped)."""
    if organization is None:
        _SCOPE_OF.pop(conn, None)
    else:
        _SCOPE_OF[conn] = organization


@contextmanager
def scope(conn: Connection, organization: str) -> Iterator[Connection]:
    """Runs the block's statements on `conn` as `organization` sees them."""
    previous = current(conn)
    set_scope(conn, organization)
    try:
        yield conn
    finally:
        set_scope(conn, previous)


def current(conn: Connection) -> str | None:
    """The organization `conn` is scoped to, or None."""
    return _SCOPE_OF.get(conn)


def is_scoped(table: Any) -> bool:
    """Whether `table`'s rows belong to organizations (it has an `organization_column`)."""
    return isinstance(table, sa.Table) and _table_is_scoped(table)


@cache  # asked for each FROM of each statement scoped; the tables are few
def _table_is_scoped(table: sa.Table) -> bool:
    column = table.c.get(COLUMN)
    return column is not None and bool(column.info.get(_SCOPES))


def with_organization(params: Mapping[str, Any] | None, organization: str) -> dict[str, Any]:
    """The parameters of a `scoped` statement: the given ones and the organization's."""
    return {**(params or {}), PARAMETER: organization}


# Built once per statement: the statements of hot paths are module constants, and scoping one
# costs more than running it on SQLite. The organization is a parameter, so one scoped
# statement (and its compiled SQL) serves every organization.
@lru_cache(maxsize=2048)
def scoped(statement: Any) -> Any:
    """`statement` as an organization runs it (see the module's docstring), its organization
    the parameter `PARAMETER` (`with_organization`); `statement` itself when it reads or writes
    no scoped table."""
    if isinstance(statement, sa.Insert):
        if is_scoped(statement.table):
            return statement.values({COLUMN: _VALUE})
        return statement
    if isinstance(statement, sa.Update | sa.Delete):
        if is_scoped(statement.table):
            return statement.where(_criterion(statement.table))
        return statement
    if isinstance(statement, sa.Select):
        criteria = [_criterion(table) for table in _scoped_froms(statement)]
        return statement.where(*criteria) if criteria else statement
    return statement


@cache
def _criterion(table: sa.Table) -> sa.ColumnElement[bool]:
    # Built once per table: building a comparison costs more than adding it to a statement.
    return table.c[COLUMN] == _VALUE


def _scoped_froms(statement: sa.Select[Any]) -> list[sa.Table]:
    """The scoped tables a SELECT reads that need a WHERE. Read from the statement's parts
    rather than `get_final_froms()`, which costs several times as much as the rest."""
    tables: list[sa.Table] = []
    outer: set[Any] = set()

    def add(from_: Any) -> None:
        if isinstance(from_, sa.Join):
            add(from_.left)
            if from_.isouter:
                _check_outer_join(from_.right, from_.onclause)
                outer.add(from_.right)
            else:
                add(from_.right)
        elif is_scoped(from_) and from_ not in tables:
            tables.append(from_)

    for from_ in statement._from_obj:
        add(from_)
    for target, onclause, _left, flags in statement._setup_joins:
        if flags.get("isouter") or flags.get("full"):
            _check_outer_join(target, onclause)
            outer.add(target)
        else:
            add(target)
    for from_ in statement.columns_clause_froms:
        if from_ not in outer:
            add(from_)
    return [table for table in tables if table not in outer]


def same_organization(match: Any) -> sa.ColumnElement[bool]:
    """The ON clause of an outer join: `match` (a comparison of a column of each table), and the
    two rows in one organization, which a WHERE cannot say for an outer join."""
    left, right = match.left.table, match.right.table
    return sa.and_(match, left.c[COLUMN] == right.c[COLUMN])


def _check_outer_join(table: Any, onclause: Any) -> None:
    if not is_scoped(table):
        return
    mentioned = onclause is not None and any(
        element is table.c[COLUMN] for element in visitors.iterate(onclause)
    )
    if not mentioned:
        raise RuntimeError(
            f"an outer join to {table.name} must match {table.name}.{COLUMN} in its ON "
            "clause (same_organization): a WHERE on it would drop the rows the join keeps"
        )


def install(engine: Engine) -> None:
    """Scopes every statement that SQLAlchemy executes on a connection of `engine` that has
    an organization."""

    @event.listens_for(engine, "before_execute", retval=True)
    def _scope(
        conn: Connection,
        statement: Any,
        multiparams: Any,
        params: Any,
        execution_options: Any,
    ) -> tuple[Any, Any, Any]:
        organization = _SCOPE_OF.get(conn)
        if organization is None:
            return statement, multiparams, params
        scoped_statement = scoped(statement)
        if scoped_statement is statement:
            return statement, multiparams, params
        if multiparams:
            return scoped_statement, [with_organization(p, organization) for p in multiparams], {}
        return scoped_statement, [], with_organization(params, organization)
