"""Where the sandbox keeps its state: one SQLAlchemy `MetaData` and the engine that holds it.

Every module (core and `resources/`) defines its tables on `metadata`, so creating the schema is
one `metadata.create_all`. SQLite is the default (a file survives restarts); a PostgreSQL URL
(`postgresql+psycopg://...`) lets several sandbox processes share one database.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from . import cursor_reads, organizations, organizations_upgrade
from .write_lock import LockingConnection, serialize_writes

metadata = sa.MetaData()

# Values the sandbox must keep across restarts, such as the page-token key.
settings_table = sa.Table(
    "sandbox_settings",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# Built once, as cursor_reads compiles each statement it is given once.
_SETTING_VALUE = sa.select(settings_table.c.value).where(
    settings_table.c.name == sa.bindparam("name")
)

DEFAULT_DATABASE_URL = "sqlite:///evocalize-sandbox.db"


def create_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and write-locking transactions.
    Its connections see one organization's rows once scoped to it (`organizations.scope`)."""
    # hide_parameters: a failing statement's values (client keys among them) stay out of
    # exception messages and so out of logs.
    if url.startswith("sqlite"):
        engine = _sqlite_engine(url, LockingConnection)
        # pysqlite opens transactions lazily and as readers; a transaction that reads and then
        # writes would fail with SQLITE_BUSY when another thread wrote in between. BEGIN
        # IMMEDIATE takes the write lock up front, once the writers before it are done.
        serialize_writes(engine, "BEGIN IMMEDIATE")
    else:
        engine = sa.create_engine(url, pool_pre_ping=True, hide_parameters=True)
    organizations.install(engine)
    return engine


def create_read_engine(engine: Engine) -> Engine | None:
    """For a SQLite file (WAL, see `create_engine`): a second engine on it whose transactions
    only read. They begin deferred and never take the write lock, so they never wait for a
    writer (WAL readers see the last commit); `query_only` makes a write in one an error
    rather than a silent race. None for other databases, whose reads may wait on the network."""
    if engine.url.get_backend_name() != "sqlite" or not _is_file(engine):
        return None
    reader = _sqlite_engine(engine.url.render_as_string(hide_password=False))

    @event.listens_for(reader, "connect")
    def _read_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    _begin_with(reader, "BEGIN")
    organizations.install(reader)
    return reader


class _Held:
    """A thread's read connection, owned by that thread's locals."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn


class HeldConnections:
    """Transactions on `engine`, each thread keeping one connection: taking a connection from
    the pool and giving it back costs several times what SQLite's BEGIN and COMMIT do, and the
    app runs these transactions on its event loop, one after another (the read-only ones of
    `create_read_engine`, and the writes of `loop_writes`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()
        self._held: list[Connection] = []
        self._lock = threading.Lock()

    def connection(self) -> Connection:
        """This thread's connection (made on its first call)."""
        held: _Held | None = getattr(self._local, "held", None)
        if held is None or held.conn.closed:
            held = _Held(self.engine.connect())
            # A thread that ends (a TestClient used without `with` runs each request on a new
            # one) drops its thread-local holder, which gives the connection back to the pool:
            # held for ever, they would exhaust it.
            weakref.finalize(held, held.conn.close)
            self._local.held = held
            with self._lock:
                self._held = [conn for conn in self._held if not conn.closed]
                self._held.append(held.conn)
        return held.conn

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction on this thread's connection (commits when the block ends)."""
        conn = self.connection()
        with conn.begin():
            yield conn

    def close(self) -> None:
        """Gives every held connection back (the app's shutdown)."""
        with self._lock:
            held, self._held = self._held, []
        for conn in held:
            conn.close()


def _is_file(engine: Engine) -> bool:
    return engine.url.database not in (None, "", ":memory:")


def is_shared(engine: Engine) -> bool:
    """Whether other processes can open `engine`'s database: a SQLite file or a server, not an
    in-memory SQLite database (which lives in this process alone)."""
    return engine.url.get_backend_name() != "sqlite" or _is_file(engine)


def _owner_only(engine: Engine) -> None:
    """Makes the SQLite file readable and writable by its owner alone (0600), before SQLite
    opens it: it holds the client keys and the page-token key. SQLite creates its -wal and -shm
    files with the database file's permissions, so they follow."""
    path = engine.url.database
    if not _is_file(engine) or not path or path.startswith("file:"):
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        os.chmod(path, 0o600)  # an older file, made before this rule
    except OSError:
        pass  # no such folder, or not ours: SQLite's own error says which


def _sqlite_engine(url: str, factory: type[sqlite3.Connection] = sqlite3.Connection) -> Engine:
    engine = sa.create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30, "factory": factory},
        hide_parameters=True,
    )
    _owner_only(engine)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # BEGIN: `_begin_with`, `serialize_writes`
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        if _is_file(engine):
            cursor.execute("PRAGMA journal_mode = WAL")
            # In WAL mode, NORMAL keeps every commit across a crash of the process (what the
            # batch guarantees are about) and skips the fsync per commit that FULL pays: the
            # worker commits once per batch entry.
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    return engine


def _begin_with(engine: Engine, statement: str) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Straight to the driver: this runs on every request, and SQLAlchemy's execution path
        # (events, result set-up) would cost more than the statement itself.
        driver_connection = connection.connection.driver_connection
        assert driver_connection is not None  # a connection in a transaction is open
        driver_connection.execute(statement)


def create_schema(engine: Engine) -> None:
    """Creates the tables that do not exist yet (every module has registered its own), and adds
    the nullable columns and the indexes a newer version defines to the tables of an older
    database (such as `orders.program_name`), so that a sandbox file survives an upgrade; the
    tables of a database from before organizations are rebuilt (`organizations_upgrade`)."""
    organizations_upgrade.upgrade(engine, metadata)
    metadata.create_all(engine)
    _add_missing_columns(engine)
    _add_missing_indexes(engine)


def _add_missing_columns(engine: Engine) -> None:
    inspector = sa.inspect(engine)
    preparer = engine.dialect.identifier_preparer
    additions = []
    for table in metadata.sorted_tables:
        existing = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in existing:
                continue
            if not column.nullable or column.primary_key:
                raise RuntimeError(
                    f"the database's table {table.name} lacks the column {column.name}, which "
                    "cannot be added to existing rows: start from a fresh database"
                )
            ddl = sa.schema.CreateColumn(column).compile(dialect=engine.dialect)
            additions.append(f"ALTER TABLE {preparer.format_table(table)} ADD COLUMN {ddl}")
    if additions:
        with engine.begin() as conn:
            for statement in additions:
                conn.execute(sa.text(statement))


def _add_missing_indexes(engine: Engine) -> None:
    """`create_all` makes a table's indexes with the table only (and SQLAlchemy cannot reflect
    an index on an expression, to tell which exist)."""
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            for index in table.indexes:
                conn.execute(sa.schema.CreateIndex(index, if_not_exists=True))


def persistent_secret(engine: Engine, name: str) -> str:
    """A random secret made once per database and kept there, so it outlives restarts and is
    shared by every process on the same database."""
    with engine.begin() as conn:
        value = cursor_reads.scalar(conn, _SETTING_VALUE, {"name": name})
        if value is not None:
            return str(value)
    candidate = secrets.token_hex(32)
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(settings_table).values(name=name, value=candidate))
    except sa.exc.IntegrityError:
        pass  # another process made it first: use theirs
    with engine.begin() as conn:
        return str(cursor_reads.scalar(conn, _SETTING_VALUE, {"name": name}))
