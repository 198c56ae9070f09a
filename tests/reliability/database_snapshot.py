"""Every row of every table of a SQLite file, read without writing: two equal snapshots
mean nothing was written in between."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

Snapshot = dict[str, list[tuple[Any, ...]]]


def snapshot(database: Path) -> Snapshot:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"'), key=repr) for table in tables
        }


def row_counts(state: Snapshot) -> dict[str, int]:
    return {table: len(rows) for table, rows in state.items() if rows}
