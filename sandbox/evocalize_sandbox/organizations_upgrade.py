"""Upgrades a sandbox database from before organizations, so that its file survives the upgrade
as it survives any other (`storage.create_schema`).

Such a database had one set of data that every key saw. Its tables lack the `organization`
column that is now part of their primary key, which `ALTER TABLE ... ADD COLUMN` cannot add:
each is rebuilt, its rows kept, and they go to one organization, that of the development
credential if there is one, else of the first key id in order (`legacy_organization`). Keys
given `KEY_ID@ORGANIZATION` can join it again; the others each start their own.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .organizations import COLUMN, is_scoped, seeded_marker

# The organization of the data of a database that has no client key at all.
NO_CLIENT = "sandbox"


def upgrade(engine: Engine, metadata: sa.MetaData) -> None:
    """Rebuilds the scoped tables of `metadata` whose table in the database lacks the
    organization column (none, once upgraded or for a new database)."""
    inspector = sa.inspect(engine)
    existing = set(inspector.get_table_names())
    stale = [
        table
        for table in metadata.sorted_tables
        if is_scoped(table)
        and table.name in existing
        and COLUMN not in {column["name"] for column in inspector.get_columns(table.name)}
    ]
    if not stale:
        return
    with engine.begin() as conn:
        organization = legacy_organization(conn, "sandbox_clients" in existing)
        for table in stale:
            old = [column["name"] for column in inspector.get_columns(table.name)]
            _rebuild(conn, table, [name for name in old if name in table.c], organization)
        settings = metadata.tables["sandbox_settings"]
        if "sandbox_settings" in existing:
            conn.execute(
                sa.update(settings)
                .where(settings.c.name == "seeded")
                .values(name=seeded_marker(organization))
            )


def legacy_organization(conn: Connection, has_clients: bool) -> str:
    """Whose the data of a database from before organizations becomes."""
    if not has_clients:
        return NO_CLIENT
    first = conn.execute(
        sa.text("SELECT key_id FROM sandbox_clients ORDER BY is_development DESC, key_id LIMIT 1")
    ).scalar()
    return NO_CLIENT if first is None else str(first)


def _rebuild(conn: Connection, table: sa.Table, kept: list[str], organization: str) -> None:
    preparer = conn.dialect.identifier_preparer
    name = preparer.format_table(table)
    copy = preparer.quote(f"{table.name}_before_organizations")
    columns = ", ".join(preparer.quote(column) for column in kept)
    # A copy, and then the table made anew: renaming it instead would keep its index and
    # constraint names, which the new table's need (PostgreSQL names them per schema).
    conn.execute(sa.text(f"CREATE TEMPORARY TABLE {copy} AS SELECT * FROM {name}"))
    conn.execute(sa.text(f"DROP TABLE {name}"))
    table.create(conn)
    conn.execute(
        sa.text(
            f"INSERT INTO {name} ({preparer.quote(COLUMN)}, {columns}) "
            f"SELECT :organization, {columns} FROM {copy}"
        ),
        {"organization": organization},
    )
    conn.execute(sa.text(f"DROP TABLE {copy}"))
    _continue_counter(conn, table)


def _continue_counter(conn: Connection, table: sa.Table) -> None:
    """On PostgreSQL, an autoincrement key's sequence starts again at 1 with the new table:
    it continues after the rows copied instead (SQLite takes the largest key plus one)."""
    counter: Any = table.autoincrement_column
    if counter is None or conn.dialect.name != "postgresql":
        return
    conn.execute(
        sa.text(
            "SELECT setval(pg_get_serial_sequence(:table, :column), "
            f"COALESCE((SELECT MAX({conn.dialect.identifier_preparer.quote(counter.name)}) "
            f"FROM {conn.dialect.identifier_preparer.format_table(table)}), 0) + 1, false)"
        ),
        {"table": table.name, "column": counter.name},
    )
