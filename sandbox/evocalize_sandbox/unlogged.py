"""Reading secrets (client keys, the page-token key) without SQLAlchemy logging them.

With its engine logger at DEBUG (`echo="debug"`, or a root logger at DEBUG), SQLAlchemy logs
every result row it fetches, and `hide_parameters` hides only the bound values. A row holding
a client key would land in the logs, so such rows are fetched on the connection's DBAPI
cursor, in the same transaction, where the engine's logger never sees them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.compiler import SQLCompiler


def first_row(
    conn: sa.Connection, query: sa.Select[Any], params: dict[str, Any] | None = None
) -> tuple[Any, ...] | None:
    """The first row of `query` (with the values of its `bindparam`s), or None, with nothing
    of it logged."""
    compiled = _compiled(query, conn.dialect)
    values = compiled.construct_params(params)
    arguments: Any = (
        tuple(values[name] for name in compiled.positiontup or ())
        if compiled.positional
        else values
    )
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), arguments)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return None if row is None else tuple(row)


def scalar(conn: sa.Connection, query: sa.Select[Any], params: dict[str, Any] | None = None) -> Any:
    """The first column of the first row of `query`, or None, with nothing of it logged."""
    row = first_row(conn, query, params)
    return None if row is None else row[0]


# Compiling costs more than running the query; the client key is read on every request. The
# cache holds its statements, so a statement's identity is never reused for another one.
@lru_cache(maxsize=64)
def _compiled(query: sa.Select[Any], dialect: sa.Dialect) -> SQLCompiler:
    compiled = query.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)  # a SELECT compiles to SQL
    return compiled
