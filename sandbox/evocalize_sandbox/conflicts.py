"""Write transactions that PostgreSQL refused for a concurrent one, run again.

On PostgreSQL, requests run side by side (from one process or several): two upserts of one new
id both find no row and both insert, and the second fails on the primary key; two
transactions may deadlock or fail to serialize. Each is a conflict with a transaction that
committed meanwhile, and running the request again from the start, in a fresh transaction,
finds its row and answers as if the two had come one after the other. SQLite has one writer at
a time (write_lock.py), so its errors are never of this kind and are not retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa

T = TypeVar("T")

# unique_violation, serialization_failure, deadlock_detected
CONFLICT_STATES = frozenset({"23505", "40001", "40P01"})
ATTEMPTS = 5


def is_conflict(error: BaseException) -> bool:
    """Whether `error` is PostgreSQL refusing a write for a concurrent transaction: the
    driver's error, raised by SQLAlchemy (which wraps it) or on the cursor (cursor_reads)."""
    driver_error = error.orig if isinstance(error, sa.exc.DBAPIError) else error
    return getattr(driver_error, "sqlstate", None) in CONFLICT_STATES


def retrying_conflicts(transaction: Callable[[], T]) -> T:
    """`transaction()` (which begins and ends its own transaction), run again while it fails
    with a conflict, at most ATTEMPTS times in all; the last failure is raised."""
    for _ in range(ATTEMPTS - 1):
        try:
            return transaction()
        except Exception as error:
            if not is_conflict(error):
                raise
    return transaction()
