"""Reads on the connection's DBAPI cursor, in the same transaction, past SQLAlchemy's execution:

- for secrets (client keys, the page-token key): with its engine logger at DEBUG
  (`echo="debug"`, or a root logger at DEBUG), SQLAlchemy logs every result row it fetches, and
  `hide_parameters` hides only the bound values, so a row holding a client key would land in
  the logs; the engine's logger never sees these;
- for the hottest reads (getUser, listUsers) and the writes a batch repeats per entry:
  SQLAlchemy's work per execution costs several times what SQLite's does.

Like SQLAlchemy's executions, they see only the organization of their connection, if it has
one (`organizations.scoped`).

Each statement is compiled once per dialect; rows come back as plain tuples, without
SQLAlchemy's result processing, so only statements whose columns need none (text, integers)
belong here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.compiler import SQLCompiler

from . import organizations

_Statement = sa.Select[Any] | sa.Insert | sa.Update


def first_row(
    conn: sa.Connection, query: sa.Select[Any], params: dict[str, Any] | None = None
) -> tuple[Any, ...] | None:
    """The first row of `query` (with the values of its `bindparam`s), or None."""
    cursor = _executed(conn, query, params)
    try:
        row = cursor.fetchone()
    finally:
        cursor.close()
    return None if row is None else tuple(row)


def _executed(conn: sa.Connection, query: _Statement, params: dict[str, Any] | None) -> Any:
    compiled, arguments = _prepared(conn, query, [params])
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(compiled.string, arguments[0])
    except BaseException:
        cursor.close()
        raise
    return cursor


def _prepared(
    conn: sa.Connection, query: _Statement, rows: list[dict[str, Any] | None]
) -> tuple[SQLCompiler, list[Any]]:
    """`query` compiled for `conn` (scoped to its organization) and each row's parameters in
    the driver's form."""
    organization = organizations.current(conn)
    if organization is not None:
        scoped = organizations.scoped(query)
        if scoped is not query:
            query = scoped
            rows = [organizations.with_organization(row, organization) for row in rows]
    compiled = _compiled(query, conn.dialect)
    # SQLAlchemy's parameters of the first row: the row's values and the statement's own (a
    # `state="pending"` in it), the same for every row. Asking it again for each of a batch's
    # 1000 rows cost as much as SQLite's inserting them.
    first = compiled.construct_params(rows[0])
    constant = {name: value for name, value in first.items() if name not in (rows[0] or {})}
    every = [first, *({**constant, **(row or {})} for row in rows[1:])]
    if not compiled.positional:
        return compiled, every
    order = compiled.positiontup or ()
    return compiled, [tuple(values[name] for name in order) for values in every]


def all_rows(
    conn: sa.Connection, query: sa.Select[Any], params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """Every row of `query` (with the values of its `bindparam`s)."""
    cursor = _executed(conn, query, params)
    try:
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def write(
    conn: sa.Connection, statement: sa.Insert | sa.Update, params: dict[str, Any] | None = None
) -> int:
    """Runs a write built once (its values as `bindparam`s, needing no processing); returns
    how many rows it changed. For the writes a batch repeats per entry."""
    cursor = _executed(conn, statement, params)
    try:
        return int(cursor.rowcount)
    finally:
        cursor.close()


def write_many(conn: sa.Connection, statement: sa.Insert, rows: list[dict[str, Any]]) -> None:
    """Runs an insert built once (its values as `bindparam`s) for every row, in one call of the
    driver: a batch's 1000 entries stored through SQLAlchemy's executemany cost more than
    parsing and checking them."""
    if not rows:
        return
    compiled, arguments = _prepared(conn, statement, list(rows))
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(compiled.string, arguments)
    finally:
        cursor.close()


def scalar(conn: sa.Connection, query: sa.Select[Any], params: dict[str, Any] | None = None) -> Any:
    """The first column of the first row of `query`, or None."""
    row = first_row(conn, query, params)
    return None if row is None else row[0]


# Compiling costs more than running the query; the client key is read on every request. The
# cache holds its statements, so a statement's identity is never reused for another one.
@lru_cache(maxsize=256)
def _compiled(query: _Statement, dialect: sa.Dialect) -> SQLCompiler:
    compiled = query.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)  # a SELECT, INSERT or UPDATE compiles to SQL
    return compiled
