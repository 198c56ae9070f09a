"""Reading secrets (client keys, the page-token key) without SQLAlchemy logging them.

With its engine logger at DEBUG (`echo="debug"`, or a root logger at DEBUG), SQLAlchemy logs
every result row it fetches, and `hide_parameters` hides only the bound values. A row holding
a client key would land in the logs, so such rows are fetched on the connection's DBAPI
cursor, in the same transaction, where the engine's logger never sees them.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa


def first_row(conn: sa.Connection, query: sa.Select[Any]) -> tuple[Any, ...] | None:
    """The first row of `query`, or None, with nothing of it logged."""
    compiled = query.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    arguments: Any = (
        tuple(params[name] for name in compiled.positiontup or ())
        if compiled.positional
        else params
    )
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), arguments)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return None if row is None else tuple(row)


def scalar(conn: sa.Connection, query: sa.Select[Any]) -> Any:
    """The first column of the first row of `query`, or None, with nothing of it logged."""
    row = first_row(conn, query)
    return None if row is None else row[0]
