"""Batches: stored durably before the 202, applied in the background, resumable after a crash.

Every entry of an accepted batch is written in the request's transaction, so the `reportId`
the client gets always names stored work. A worker claims one report at a time with a lease
(a conditional UPDATE, `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several processes on one
database never work the same report) and applies its entries in groups, one transaction per
group holding the entries' writes, their progress marks and the report's counters: after a
crash a group is either applied, marked and counted, or none of it is, so processing resumes
where it stopped and nothing is lost or applied twice. Each entry runs inside a savepoint, so
a failing entry rolls back alone and is recorded as failed in its group's transaction.

Between groups the write lock is free, and API requests of this process that wait for it go
first: with SQLite's single writer, a worker that took the lock back at once would keep them
waiting for the whole batch.

What every entry of a group shares is looked up once per group: the applier, the operation,
the path parameters, and whatever an applier keeps with `group_memo` (a content item's
repository, the stored values of the group's items read in one query: `group_entries`),
which lives no longer than the group's transaction.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from evocalize.spec import operation_spec
from pydantic import BaseModel
from sqlalchemy.engine import Engine

from . import cursor_reads, organizations
from .context import EntryContext, RequestContext, new_id
from .errors import ApiError
from .organizations import organization_column
from .registry import ENTRY_APPLIERS, WRITES_ONCE
from .storage import metadata
from .stored_json import decode_all

if TYPE_CHECKING:
    from .app import Sandbox

logger = logging.getLogger(__name__)

T = TypeVar("T")

REPORT_RETENTION_SECONDS = 30 * 24 * 3600  # docs/decisions.md: reports are kept 30 days
# Expired reports are looked for at most this often (the worker polls far more often).
PURGE_INTERVAL_SECONDS = 60.0
# Entries are applied in groups, one transaction each, ending at whichever limit comes first:
# a transaction per entry spends most of its time beginning and committing, while one long
# transaction would keep API requests waiting for the write lock (SQLite has one). The time
# limit is the one that counts: what every group repeats (its lease, its reads, its commit)
# cost a third of the worker's time when groups stopped at 100 entries.
GROUP_MAX_ENTRIES = 1000
GROUP_MAX_SECONDS = 0.02
# An API request in flight ends a group early, once it has run this long (a steady stream of
# requests still leaves the worker groups, not single entries).
GROUP_MIN_SECONDS = 0.005

reports_table = sa.Table(
    "sandbox_batch_reports",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    # Ids are random, so the organization needs no place in the key: it scopes the reads.
    organization_column(primary_key=False),
    sa.Column("operation_id", sa.String(100), nullable=False),
    sa.Column("client_key_id", sa.String(255)),
    sa.Column("path_params", sa.Text, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False, index=True),
    sa.Column("total_items", sa.Integer, nullable=False),
    sa.Column("completed_items", sa.Integer, nullable=False, default=0),
    sa.Column("successful_items", sa.Integer, nullable=False, default=0),
    sa.Column("error_items", sa.Integer, nullable=False, default=0),
    sa.Column("lease_owner", sa.String(200)),
    sa.Column("lease_until", sa.Float),
)

entries_table = sa.Table(
    "sandbox_batch_entries",
    metadata,
    sa.Column("report_id", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("input", sa.Text, nullable=False),
    # pending, succeeded or failed
    sa.Column("state", sa.String(16), nullable=False, default="pending"),
    sa.Column("error_code", sa.String(64)),
    sa.Column("error_message", sa.Text),
)


# Built once: a statement built per call spends more CPU on building than SQLite on running it.
_PENDING_ENTRIES = (
    sa.select(entries_table.c.position, entries_table.c.input)
    .where(
        entries_table.c.report_id == sa.bindparam("report"),
        entries_table.c.state == "pending",
    )
    .order_by(entries_table.c.position)
    .limit(sa.bindparam("size"))
)
# The entries of a group that succeeded are those of its positions still pending once the
# failed ones were marked: a group applies the first pending entries in order, so every pending
# entry between its first and its last applied one is one of them.
_MARK_SUCCEEDED = (
    sa.update(entries_table)
    .where(
        entries_table.c.report_id == sa.bindparam("report"),
        entries_table.c.position.between(sa.bindparam("first"), sa.bindparam("last")),
        entries_table.c.state == "pending",
    )
    .values(state="succeeded")
)


_INSERT_ENTRY = sa.insert(entries_table).values(
    report_id=sa.bindparam("report"),
    position=sa.bindparam("position"),
    input=sa.bindparam("input"),
    state="pending",
)


def _entry_json(entry: Any) -> str:
    """A batch entry as stored: a generated model as the JSON the spec documents (its
    serializer writes it in one step), any other JSON value as it is."""
    if isinstance(entry, BaseModel):
        return entry.model_dump_json(by_alias=True)
    return json.dumps(entry)


@contextmanager
def _savepoint(conn: sa.Connection) -> Iterator[None]:
    """What `conn.begin_nested()` does, on the driver's connection: the block's writes roll
    back alone when it raises, and the transaction goes on. `begin_nested` compiles a clause
    on every call, and even `exec_driver_sql` costs several times the statement itself: a
    quarter of the worker's time went to these two statements per entry."""
    driver = conn.connection.driver_connection
    assert driver is not None  # a connection in a transaction is open
    driver.execute("SAVEPOINT batch_entry")
    try:
        yield
        # Inside the try: on PostgreSQL the release fails when the block swallowed a
        # database error, and the rollback below then saves the transaction.
        driver.execute("RELEASE SAVEPOINT batch_entry")
    except BaseException:
        driver.execute("ROLLBACK TO SAVEPOINT batch_entry")
        driver.execute("RELEASE SAVEPOINT batch_entry")
        raise


@contextmanager
def _nothing_to_undo(conn: sa.Connection) -> Iterator[None]:
    """In place of `_savepoint`, for an applier that writes once, last (`WRITES_ONCE`), on
    SQLite: if it raised, it wrote nothing, or its one statement undid itself."""
    yield


class _LeaseLost(Exception):
    """Another worker owns the report now, or an entry was already applied: the group rolls
    back whole."""


@dataclass(frozen=True)
class BatchReport:
    total_items: int
    remaining_items: int
    completed_items: int
    successful_items: int
    error_items: int
    is_completed: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "totalItems": self.total_items,
            "remainingItems": self.remaining_items,
            "completedItems": self.completed_items,
            "successfulItems": self.successful_items,
            "errorItems": self.error_items,
            "isCompleted": self.is_completed,
        }


class Batches:
    def __init__(self, sandbox: Sandbox, engine: Engine, lease_seconds: float = 30.0) -> None:
        self._sandbox = sandbox
        self._engine = engine
        self._lease_seconds = lease_seconds
        self._last_purge = float("-inf")
        # Set at shutdown: the worker stops between entries, leaving the rest for later.
        self.stopping = threading.Event()
        # Set when this process has committed a new batch (and at shutdown): what the worker
        # waits for between its passes, besides its poll.
        self.accepted = threading.Event()
        self.worker_id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        # The memo of the group this thread is applying (see `group_memo`).
        self._group = threading.local()

    def __repr__(self) -> str:
        return f"Batches(worker_id={self.worker_id!r})"

    def _now(self) -> float:
        return self._sandbox.settings.clock()

    # Accepting ------------------------------------------------------------------------------

    def enqueue(self, ctx: RequestContext, entries: Sequence[Any]) -> str:
        report_id = new_id()
        ctx.conn.execute(
            sa.insert(reports_table).values(
                id=report_id,
                operation_id=ctx.operation.operation_id,
                client_key_id=ctx.client_key_id,
                path_params=json.dumps(ctx.path_params),
                created_at=self._now(),
                total_items=len(entries),
                completed_items=0,
                successful_items=0,
                error_items=0,
            )
        )
        cursor_reads.write_many(
            ctx.conn,
            _INSERT_ENTRY,
            [
                {"report": report_id, "position": position, "input": _entry_json(entry)}
                for position, entry in enumerate(entries)
            ],
        )
        return report_id

    # Reading --------------------------------------------------------------------------------

    def report(self, conn: sa.Connection, report_id: str) -> BatchReport | None:
        row = conn.execute(sa.select(reports_table).where(reports_table.c.id == report_id)).first()
        # Past its retention a report is gone, whether or not the worker has purged it yet: a
        # test that moves the clock 30 days sees it gone at once.
        if row is None or row.created_at < self._now() - REPORT_RETENTION_SECONDS:
            return None
        return BatchReport(
            total_items=row.total_items,
            remaining_items=row.total_items - row.completed_items,
            completed_items=row.completed_items,
            successful_items=row.successful_items,
            error_items=row.error_items,
            is_completed=row.completed_items >= row.total_items,
        )

    def errors_query(self, report_id: str) -> sa.Select[Any]:
        """The failed entries of a report in input order (for a paged listing)."""
        return (
            sa.select(
                entries_table.c.input, entries_table.c.error_code, entries_table.c.error_message
            )
            .where(entries_table.c.report_id == report_id, entries_table.c.state == "failed")
            .order_by(entries_table.c.position)
        )

    # Applying -------------------------------------------------------------------------------

    def group_memo(self, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, run once per group of entries and `key`: for what every entry of a
        group reads and none of them changes (a content item's repository). Outside a group
        (no batch being applied on this thread) it is simply `compute()`. A `compute` that
        raises is not remembered."""
        memo: dict[Any, Any] | None = getattr(self._group, "memo", None)
        if memo is None:
            return compute()
        if key not in memo:
            memo[key] = compute()
        value: T = memo[key]
        return value

    def group_entries(self) -> list[Any]:
        """The entries (as stored JSON values) of the group this thread is applying, for an
        applier that reads what they need in one query (in a `group_memo`); empty outside a
        group."""
        entries: list[Any] = getattr(self._group, "entries", None) or []
        return entries

    def process_pending(self, limit: int | None = None) -> int:
        """Applies pending entries of every claimable report, at most `limit` of them; returns
        how many were applied. The lease is released when this returns, so another call (or
        process) may continue."""
        if self._now() - self._last_purge >= PURGE_INTERVAL_SECONDS:
            self.purge_expired()
            self._last_purge = self._now()
        done = 0
        while limit is None or done < limit:
            report_id = self._claim()
            if report_id is None:
                break
            try:
                applied = self._work(report_id, None if limit is None else limit - done)
            finally:
                self._release(report_id)
            if applied == 0:
                break  # nothing could be applied (stopping, or another worker got there first)
            done += applied
        return done

    def purge_expired(self) -> int:
        cutoff = self._now() - REPORT_RETENTION_SECONDS
        with self._engine.begin() as conn:
            old = sa.select(reports_table.c.id).where(reports_table.c.created_at < cutoff)
            conn.execute(sa.delete(entries_table).where(entries_table.c.report_id.in_(old)))
            return conn.execute(
                sa.delete(reports_table).where(reports_table.c.created_at < cutoff)
            ).rowcount

    def _claimable(self, now: float) -> sa.ColumnElement[bool]:
        return sa.and_(
            reports_table.c.completed_items < reports_table.c.total_items,
            sa.or_(reports_table.c.lease_until.is_(None), reports_table.c.lease_until < now),
        )

    def _claim(self) -> str | None:
        now = self._now()
        with self._engine.begin() as conn:
            candidate = conn.execute(
                sa.select(reports_table.c.id)
                .where(self._claimable(now))
                .order_by(reports_table.c.created_at, reports_table.c.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).scalar_one_or_none()
            if candidate is None:
                return None
            claimed = conn.execute(
                sa.update(reports_table)
                .where(reports_table.c.id == candidate, self._claimable(now))
                .values(lease_owner=self.worker_id, lease_until=now + self._lease_seconds)
            ).rowcount
            return str(candidate) if claimed == 1 else None

    def _release(self, report_id: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                sa.update(reports_table)
                .where(
                    reports_table.c.id == report_id, reports_table.c.lease_owner == self.worker_id
                )
                .values(lease_owner=None, lease_until=None)
            )

    def _work(self, report_id: str, limit: int | None) -> int:
        done = 0
        while (limit is None or done < limit) and not self.stopping.is_set():
            size = GROUP_MAX_ENTRIES if limit is None else min(GROUP_MAX_ENTRIES, limit - done)
            applied = self._apply_group(report_id, size)
            if applied == 0:
                break
            done += applied
            self._yield_to_requests()
        return done

    def _yield_to_requests(self) -> None:
        """Between groups, with the write lock free: lets the threads of API requests run.
        Those waiting for the lock (write_lock.py) get it before the worker's next group,
        which queues behind them; the worker never waits for requests that are not."""
        time.sleep(0)

    def _group_is_over(self, started: float) -> bool:
        elapsed = time.monotonic() - started
        return elapsed >= GROUP_MAX_SECONDS or (
            elapsed >= GROUP_MIN_SECONDS and self._others_in_flight(own=1)
        )

    def _others_in_flight(self, own: int) -> bool:
        """Whether this process has transactions open besides the worker's `own` ones: API
        requests, which hold a connection from the pool while they wait for the lock."""
        checked_out = getattr(self._engine.pool, "checkedout", None)
        return checked_out is not None and checked_out() > own

    def _extend_lease(self, conn: sa.Connection, report_id: str, **counts: Any) -> bool:
        return (
            conn.execute(
                sa.update(reports_table)
                .where(
                    reports_table.c.id == report_id, reports_table.c.lease_owner == self.worker_id
                )
                .values(lease_until=self._now() + self._lease_seconds, **counts)
            ).rowcount
            == 1
        )

    def _apply_group(self, report_id: str, size: int) -> int:
        """Applies up to `size` pending entries (fewer when time is up, see `_group_is_over`) in
        one transaction, with their states and the report's counters; returns how many, 0
        when there is nothing left or the lease is lost (then nothing of the group stays)."""
        self._group.memo = {}
        self._group.entries = []
        try:
            with self._engine.begin() as conn:
                # First, so that the report's row stays locked until the commit: on
                # PostgreSQL a worker taking over an expired lease waits for this group and
                # then finds the lease extended.
                if not self._extend_lease(conn, report_id):
                    raise _LeaseLost
                report = conn.execute(
                    sa.select(reports_table).where(reports_table.c.id == report_id)
                ).one()
                # The entries are applied as the organization that sent them.
                organizations.set_scope(conn, report.organization)
                rows = cursor_reads.all_rows(
                    conn, _PENDING_ENTRIES, {"report": report_id, "size": size}
                )
                inputs = decode_all([row[1] for row in rows])
                entries = list(zip([row[0] for row in rows], inputs, strict=True))
                self._group.entries = [entry for _, entry in entries]
                apply = self._entry_applier(conn, report)
                succeeded: list[int] = []
                failed = 0
                started = time.monotonic()
                for position, entry in entries:
                    failure = apply(position, entry)
                    if failure is None:
                        succeeded.append(position)
                    else:
                        self._mark_failed(conn, report_id, position, failure)
                        failed += 1
                    if self.stopping.is_set() or self._group_is_over(started):
                        break
                if succeeded:
                    self._mark_succeeded(conn, report_id, succeeded)
                if succeeded or failed:
                    counted = self._extend_lease(
                        conn,
                        report_id,
                        completed_items=reports_table.c.completed_items + len(succeeded) + failed,
                        successful_items=reports_table.c.successful_items + len(succeeded),
                        error_items=reports_table.c.error_items + failed,
                    )
                    if not counted:
                        raise _LeaseLost
                return len(succeeded) + failed
        except _LeaseLost:
            return 0
        finally:
            self._group.memo = None
            self._group.entries = None

    def _entry_applier(
        self, conn: sa.Connection, report: Any
    ) -> Callable[[int, Any], ApiError | None]:
        """What applies one entry of `report` inside a savepoint: it answers None when the
        entry succeeded, else its failure, after the entry's writes alone were rolled back.
        What the report's entries share is looked up here, once."""
        applier = ENTRY_APPLIERS.get(report.operation_id)
        if applier is None:
            missing = ApiError(
                500, "EV_INTERNAL_SERVER_ERROR", f"{report.operation_id} is not implemented"
            )
            return lambda position, entry: missing
        operation = operation_spec(report.operation_id)
        path_params = json.loads(report.path_params)
        isolate = (
            _savepoint
            if applier not in WRITES_ONCE or conn.dialect.name != "sqlite"
            else _nothing_to_undo
        )

        def apply(position: int, entry: Any) -> ApiError | None:
            ctx = EntryContext(
                sandbox=self._sandbox,
                conn=conn,
                operation=operation,
                path_params=dict(path_params),
                client_key_id=report.client_key_id,
                report_id=report.id,
                position=position,
            )
            try:
                with isolate(conn):
                    applier(ctx, entry)
            except ApiError as error:
                return error
            except Exception:
                # A bug in an applier must not stall the queue: the entry fails with a 500.
                logger.exception("batch entry %s/%s failed unexpectedly", report.id, position)
                return ApiError(
                    500, "EV_INTERNAL_SERVER_ERROR", "internal error applying this entry"
                )
            return None

        return apply

    def _mark_succeeded(self, conn: sa.Connection, report_id: str, positions: list[int]) -> None:
        marked = cursor_reads.write(
            conn,
            _MARK_SUCCEEDED,
            {"report": report_id, "first": positions[0], "last": positions[-1]},
        )
        if marked != len(positions):
            raise _LeaseLost

    def _mark_failed(
        self, conn: sa.Connection, report_id: str, position: int, failure: ApiError
    ) -> None:
        marked = conn.execute(
            sa.update(entries_table)
            .where(
                entries_table.c.report_id == report_id,
                entries_table.c.position == position,
                entries_table.c.state == "pending",
            )
            .values(state="failed", error_code=failure.code, error_message=failure.message)
        ).rowcount
        if marked != 1:
            raise _LeaseLost
