"""Where the sandbox keeps its state: one SQLAlchemy `MetaData` and the engine that holds it.

Every module (core and `resources/`) defines its tables on `metadata`, so creating the schema is
one `metadata.create_all`. SQLite is the default (a file survives restarts); a PostgreSQL URL
(`postgresql+psycopg://...`) lets several sandbox processes share one database.
"""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from . import unlogged

metadata = sa.MetaData()

# Values the sandbox must keep across restarts, such as the page-token key.
settings_table = sa.Table(
    "sandbox_settings",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

DEFAULT_DATABASE_URL = "sqlite:///evocalize-sandbox.db"


def create_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and write-locking transactions."""
    # hide_parameters: a failing statement's values (client keys among them) stay out of
    # exception messages and so out of logs.
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True
        )
        _make_sqlite_transactions_serializable(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _make_sqlite_transactions_serializable(engine: Engine) -> None:
    # pysqlite opens transactions lazily and as readers; a transaction that reads and then
    # writes would fail with SQLITE_BUSY when another thread wrote in between. BEGIN IMMEDIATE
    # takes the write lock up front, so concurrent requests queue instead of failing.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            # In WAL mode, NORMAL keeps every commit across a crash of the process (what the
            # batch guarantees are about) and skips the fsync per commit that FULL pays: the
            # worker commits once per batch entry.
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_schema(engine: Engine) -> None:
    """Creates the tables that do not exist yet (every module has registered its own)."""
    metadata.create_all(engine)


def persistent_secret(engine: Engine, name: str) -> str:
    """A random secret made once per database and kept there, so it outlives restarts and is
    shared by every process on the same database."""
    with engine.begin() as conn:
        value = unlogged.scalar(
            conn, sa.select(settings_table.c.value).where(settings_table.c.name == name)
        )
        if value is not None:
            return str(value)
    candidate = secrets.token_hex(32)
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(settings_table).values(name=name, value=candidate))
    except sa.exc.IntegrityError:
        pass  # another process made it first: use theirs
    with engine.begin() as conn:
        return str(
            unlogged.scalar(
                conn, sa.select(settings_table.c.value).where(settings_table.c.name == name)
            )
        )
