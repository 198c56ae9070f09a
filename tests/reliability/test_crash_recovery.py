"""A sandbox process killed with SIGKILL in the middle of 5,000 batch entries loses and repeats
nothing: a new process on the same database finishes the batches, every accepted item is
stored once with its entry's values, and the reports count exactly what `/errors` lists.

"Once" is observed, not assumed: an upsert applied twice leaves the same item, so a trigger
in the SQLite file records every write to `content_items`, in the writing transaction (a
group rolled back by the crash leaves no record, a group applied again would leave two)."""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

from evocalize import Evocalize
from evocalize._batch_backend import OperationBatches
from evocalize.batches import PollPolicy, follow_reports
from evocalize_resources import OPERATIONS

from reliability.sandbox_process import sandbox_process

KEY_ID = "crash-partner"
REPOSITORY = "listings"
ENTRIES = 5000
BATCH_SIZE = 1000
# A lease this short lets the restarted process resume the killed one's batch at once.
LEASE = ("--lease-seconds", "1")
KILL_WAIT_SECONDS = 20.0
FINISH_SECONDS = 60.0

# Entries that fail when applied (the batch itself is valid): a string for a number field,
# and a field the repository does not have.
FAILING = {
    1234: ({"price": "cheap"}, "values.price"),
    3777: ({"colour": "red"}, "values.colour"),
}

AUDIT = """
CREATE TABLE write_audit (repository_id TEXT, id TEXT, item_values TEXT);
CREATE TRIGGER audit_insert AFTER INSERT ON content_items BEGIN
    INSERT INTO write_audit VALUES (NEW.repository_id, NEW.id, NEW.item_values);
END;
CREATE TRIGGER audit_update AFTER UPDATE ON content_items BEGIN
    INSERT INTO write_audit VALUES (NEW.repository_id, NEW.id, NEW.item_values);
END;
"""


def entry(position: int) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": f"item{position:05d}",
        "address": f"{position} Main Street",
        "price": 100_000 + position,
        "featured": position % 2 == 0,
    }
    if position in FAILING:
        values.update(FAILING[position][0])
    return {"values": values}


def read_only(database: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True)


def entry_states(database: Path) -> Counter[str]:
    with read_only(database) as conn:
        return Counter(
            state for (state,) in conn.execute("SELECT state FROM sandbox_batch_entries")
        )


def completed(ev: Evocalize, report_ids: list[str]) -> int:
    return sum(ev.batch_reports.get_batch_report(r).completed_items for r in report_ids)


def test_a_sigkilled_sandbox_resumes_its_batches_exactly_once(tmp_path: Path) -> None:
    database = tmp_path / "sandbox.db"
    key = secrets.token_hex(16)
    entries = [entry(position) for position in range(ENTRIES)]

    with sandbox_process(database, KEY_ID, key, *LEASE) as first:
        with sqlite3.connect(database) as conn:
            conn.executescript(AUDIT)
        with Evocalize(base_url=first.url, key_id=KEY_ID, secret=key) as ev:
            submit = ev.content.create_or_update_item_batch
            report_ids = [
                submit(repository_id=REPOSITORY, body=entries[start : start + BATCH_SIZE]).report_id
                for start in range(0, ENTRIES, BATCH_SIZE)
            ]
            # Killed once the reports show a batch done and the rest under way, unfinished.
            deadline = time.monotonic() + KILL_WAIT_SECONDS
            while not BATCH_SIZE < (done := completed(ev, report_ids)) < ENTRIES:
                assert done < ENTRIES, "the batches finished before the kill could land"
                assert time.monotonic() < deadline, f"processing stalled at {done} entries"
                time.sleep(0.005)
        # SIGKILL, mid-group: leaving the block would stop the process gracefully (SIGTERM),
        # which finishes the group under way and so is no crash.
        first.kill()

    states = entry_states(database)
    assert 0 < states["pending"] < ENTRIES - BATCH_SIZE, (
        f"the kill did not land mid-processing: {states}"
    )

    with (
        sandbox_process(database, KEY_ID, key, *LEASE) as second,
        Evocalize(base_url=second.url, key_id=KEY_ID, secret=key) as ev,
    ):
        backend = OperationBatches(ev, OPERATIONS["createOrUpdateItemBatch"], (REPOSITORY,))
        summary = follow_reports(
            report_ids,
            backend,
            poll=PollPolicy(initial=0.05, max_delay=0.25, timeout=FINISH_SECONDS),
        )
        reports = [ev.batch_reports.get_batch_report(r) for r in report_ids]
        sampled = [ev.content.get_item(REPOSITORY, f"item{p:05d}") for p in (0, 2500, 4999)]

    # The run's summary and each report: every entry counted once, the failures as listed.
    assert (summary.total, summary.succeeded, summary.failed) == (
        ENTRIES,
        ENTRIES - len(FAILING),
        len(FAILING),
    )
    for report in reports:
        assert report.total_items == report.completed_items == BATCH_SIZE
        assert report.remaining_items == 0 and report.is_completed
        assert report.successful_items + report.error_items == BATCH_SIZE
    # Each report counts as failed exactly the entries its `/errors` lists, in its own batch.
    listed = Counter(failure.report_id for failure in summary.failures)
    assert {r: report.error_items for r, report in zip(report_ids, reports, strict=True)} == {
        r: listed[r] for r in report_ids
    }
    failures = {failure.input["values"]["id"]: failure for failure in summary.failures}
    assert set(failures) == {f"item{p:05d}" for p in FAILING}
    for position, (_, field) in FAILING.items():
        assert failures[f"item{position:05d}"].report_id == report_ids[position // BATCH_SIZE]
        failure = failures[f"item{position:05d}"]
        assert failure.input == entry(position)
        assert failure.code == "EV_BAD_REQUEST_INVALID_FIELDS", failure
        assert field.split(".")[1] in failure.message
    assert [item.values.id for item in sampled] == ["item00000", "item02500", "item04999"]

    # The database: each accepted item once, with its entry's values, written exactly once.
    with read_only(database) as conn:
        stored = dict(
            conn.execute(
                "SELECT id, item_values FROM content_items WHERE repository_id = ?", (REPOSITORY,)
            )
        )
        writes = Counter(id_ for (id_,) in conn.execute("SELECT id FROM write_audit"))
        marks = Counter(
            state for (state,) in conn.execute("SELECT state FROM sandbox_batch_entries")
        )
    accepted = {e["values"]["id"]: e["values"] for p, e in enumerate(entries) if p not in FAILING}
    assert {id_: json.loads(values) for id_, values in stored.items()} == accepted
    twice = {id_: count for id_, count in writes.items() if count != 1}
    assert not twice, f"items written more than once: {twice}"
    assert set(writes) == set(accepted)
    assert marks == Counter({"succeeded": ENTRIES - len(FAILING), "failed": len(FAILING)})
