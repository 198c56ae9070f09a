"""Batches: stored durably before the 202, applied in the background, resumable after a crash.

Every entry of an accepted batch is written in the request's transaction, so the `reportId`
the client gets always names stored work. A worker claims one report at a time with a lease
(a conditional UPDATE, `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several processes on one
database never work the same report) and applies each entry in its own transaction together
with the entry's progress mark: after a crash an entry is either applied and marked, or
neither, so processing resumes where it stopped and nothing is lost or applied twice.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from evocalize.spec import operation_spec
from sqlalchemy.engine import Engine

from .context import EntryContext, RequestContext, new_id
from .errors import ApiError
from .registry import ENTRY_APPLIERS
from .storage import metadata

if TYPE_CHECKING:
    from .app import Sandbox

logger = logging.getLogger(__name__)

REPORT_RETENTION_SECONDS = 30 * 24 * 3600  # DESIGN.md: reports are kept 30 days
# Expired reports are looked for at most this often (the worker polls far more often).
PURGE_INTERVAL_SECONDS = 60.0

reports_table = sa.Table(
    "sandbox_batch_reports",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
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


class _LeaseLost(Exception):
    """Another worker owns the report now, or the entry was already applied: roll back."""


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
        self.worker_id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"

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
        if entries:
            ctx.conn.execute(
                sa.insert(entries_table),
                [
                    {
                        "report_id": report_id,
                        "position": position,
                        "input": json.dumps(entry),
                        "state": "pending",
                    }
                    for position, entry in enumerate(entries)
                ],
            )
        return report_id

    # Reading --------------------------------------------------------------------------------

    def report(self, conn: sa.Connection, report_id: str) -> BatchReport | None:
        row = conn.execute(sa.select(reports_table).where(reports_table.c.id == report_id)).first()
        if row is None:
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
            self._sandbox.requests_first.wait_for_no_requests()
            outcome = self._apply_next(report_id)
            if outcome is None:
                break
            done += 1
        return done

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

    def _apply_next(self, report_id: str) -> bool | None:
        """Applies the next pending entry: True on success, False on a recorded failure, None
        when there is nothing left (or the lease was lost)."""
        failure: ApiError | None = None
        position = -1
        entry: Any = None
        try:
            with self._engine.begin() as conn:
                report = conn.execute(
                    sa.select(reports_table).where(reports_table.c.id == report_id)
                ).first()
                row = conn.execute(
                    sa.select(entries_table.c.position, entries_table.c.input)
                    .where(
                        entries_table.c.report_id == report_id, entries_table.c.state == "pending"
                    )
                    .order_by(entries_table.c.position)
                    .limit(1)
                ).first()
                if report is None or row is None:
                    return None
                position, entry = row.position, json.loads(row.input)
                marked = conn.execute(
                    sa.update(entries_table)
                    .where(
                        entries_table.c.report_id == report_id,
                        entries_table.c.position == position,
                        entries_table.c.state == "pending",
                    )
                    .values(state="succeeded")
                ).rowcount
                counted = self._extend_lease(
                    conn,
                    report_id,
                    completed_items=reports_table.c.completed_items + 1,
                    successful_items=reports_table.c.successful_items + 1,
                )
                if marked != 1 or not counted:
                    raise _LeaseLost
                applier = ENTRY_APPLIERS.get(report.operation_id)
                if applier is None:
                    raise ApiError(
                        500, "EV_INTERNAL_SERVER_ERROR", f"{report.operation_id} is not implemented"
                    )
                applier(
                    EntryContext(
                        sandbox=self._sandbox,
                        conn=conn,
                        operation=operation_spec(report.operation_id),
                        path_params=json.loads(report.path_params),
                        client_key_id=report.client_key_id,
                        report_id=report_id,
                        position=position,
                    ),
                    entry,
                )
            return True
        except _LeaseLost:
            return None
        except ApiError as error:
            failure = error
        except Exception:
            # A bug in an applier must not stall the queue: the entry fails with a 500 code.
            logger.exception("batch entry %s/%s failed unexpectedly", report_id, position)
            failure = ApiError(
                500, "EV_INTERNAL_SERVER_ERROR", "internal error applying this entry"
            )
        return self._record_failure(report_id, position, failure)

    def _record_failure(self, report_id: str, position: int, failure: ApiError) -> bool | None:
        try:
            return self._mark_failed(report_id, position, failure)
        except _LeaseLost:
            return None

    def _mark_failed(self, report_id: str, position: int, failure: ApiError) -> bool:
        with self._engine.begin() as conn:
            marked = conn.execute(
                sa.update(entries_table)
                .where(
                    entries_table.c.report_id == report_id,
                    entries_table.c.position == position,
                    entries_table.c.state == "pending",
                )
                .values(state="failed", error_code=failure.code, error_message=failure.message)
            ).rowcount
            counted = self._extend_lease(
                conn,
                report_id,
                completed_items=reports_table.c.completed_items + 1,
                error_items=reports_table.c.error_items + 1,
            )
            if marked != 1 or not counted:
                raise _LeaseLost
        return False
