#!/usr/bin/env python3
"""Batch ingest end to end: `--items` content items (100,000 by default) through the facade's
batch helper (`submit_all`: batches of 1000, `--concurrency` in flight, each report followed to
its end) into the sandbox served over loopback HTTP by a separate process (uvicorn, a fresh
SQLite file, its batch worker in a process of its own, as `evocalize sandbox` runs it).

The items come from a generator, so the client never holds them all. The ratio to the rate
of the sandbox's worker applying the same items by itself (in-process, accepted beforehand),
measured in the same run, shows what the HTTP path and the client leave of it. Timed from the first
request to the last report completed: items per second. The client's peak memory is reported
twice: the growth of the process's peak resident set size (ru_maxrss) over the timed run, and
tracemalloc's peak of Python allocations during a second run of the same items (tracing every
allocation slows the client several times, so the timed run does not trace).

Bounded: the run fails (exit 1) when it has not finished `--timeout` seconds after it started.
Run: `python benchmarks/batch_ingest.py [--items N] [--quick]`. Loopback only.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _common import (
    KEY_ID,
    SECRET,
    ClientMemory,
    benchmark_parser,
    row,
    sandbox_server,
    write_result,
)
from evocalize import Evocalize
from evocalize.batches import PollPolicy

REPOSITORY = "listings"  # in the sandbox's default seed
# Items the worker applies alone (its rate per entry does not depend on how many).
ALONE_ITEMS = 20_000


def content_items(count: int, deadline: float) -> Iterator[dict[str, Any]]:
    """`count` valid items of the `listings` repository, made one at a time. Raises
    TimeoutError past `deadline` (time.monotonic()), which stops the batch helper."""
    for n in range(count):
        if n % 1000 == 0 and time.monotonic() > deadline:
            raise TimeoutError(f"the ingest did not finish in time ({n} items sent)")
        yield {
            "values": {
                "id": f"item{n:06d}",
                "address": f"{n} Main St",
                "price": n * 1000,
                "bedrooms": n % 5,
            }
        }


def ingest(
    url: str, items: int, concurrency: int, timeout: float, trace: bool = False
) -> dict[str, Any]:
    """Sends `items` items; with `trace`, under tracemalloc (for the peak, not the rate)."""
    started = time.monotonic()
    deadline = started + timeout
    # Polls often (the default backoff waits up to 30 s, far longer than a batch takes here;
    # a slot left waiting on a finished report leaves the worker without work),
    # and gives up on a report once the whole run is out of time.
    poll = PollPolicy(initial=0.05, factor=1.5, max_delay=0.25, timeout=timeout)
    with Evocalize(url, KEY_ID, SECRET) as ev:
        # A warm client, as one ingesting all day is: its first batch imports the models and
        # reads the spec (seconds on a busy machine), which is no part of its throughput.
        warm_up = [{"values": {**item["values"], "id": f"warm-{n}"}} for n, item in
                   enumerate(content_items(10, deadline))]  # fmt: skip
        ev.content.create_or_update_item_batch.submit_all(
            warm_up, repository_id=REPOSITORY, poll=poll
        )
    with Evocalize(url, KEY_ID, SECRET) as ev, ClientMemory(trace) as memory:
        start = time.perf_counter()
        summary = ev.content.create_or_update_item_batch.submit_all(
            content_items(items, deadline),
            repository_id=REPOSITORY,
            concurrency=concurrency,
            poll=poll,
        )
        elapsed = time.perf_counter() - start
        traced_peak = memory.traced_peak_mib() if trace else None
    if time.monotonic() > deadline:
        raise TimeoutError(f"the ingest took longer than {timeout}s")
    if summary.succeeded != items or summary.failed:
        raise AssertionError(f"{summary.succeeded} of {items} succeeded, {summary.failed} failed")
    return {
        "seconds": elapsed,
        "items_per_s": items / elapsed,
        "traced_peak_mib": traced_peak,
        "rss_growth_mib": memory.rss_growth_mib,
    }


def worker_alone(items: int) -> float:
    """Entries per second the sandbox's worker applies by itself (in this process, nothing
    else running) from the same items, accepted beforehand as batches of 1000: the ceiling of
    the end-to-end rate."""
    import warnings

    from evocalize.auth import SignatureAuth
    from evocalize_sandbox.app import create_app
    from evocalize_sandbox.settings import Settings
    from starlette.testclient import TestClient

    warnings.filterwarnings("ignore", message=".*httpx2.*")
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            database_url=f"sqlite:///{Path(folder) / 'alone.db'}",
            clients={KEY_ID: SECRET},
            settings=Settings(run_worker=False),
        )
        sandbox = app.state.sandbox
        try:
            http = TestClient(app, base_url="http://sandbox")
            http.auth = SignatureAuth(KEY_ID, SECRET)
            batch: list[dict[str, Any]] = []
            for item in content_items(items, float("inf")):
                batch.append(item)
                if len(batch) == 1000 or len(batch) == items:
                    path = f"/management/v1/repository/{REPOSITORY}/items"
                    assert http.post(path, json=batch).status_code == 202
                    items -= len(batch)
                    batch = []
            start = time.perf_counter()
            applied: int = sandbox.process_pending_batches()
            return float(applied / (time.perf_counter() - start))
        finally:
            sandbox.close()


def main(argv: list[str] | None = None) -> int:
    parser = benchmark_parser(__doc__)
    parser.add_argument("--items", type=int, help="content items to send (default 100000)")
    parser.add_argument("--concurrency", type=int, default=4, help="batches in flight")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before failing")
    args = parser.parse_args(argv)
    items = args.items or (5000 if args.quick else 100_000)

    with (
        tempfile.TemporaryDirectory() as folder,
        sandbox_server(f"sqlite:///{Path(folder) / 'sandbox.db'}") as url,
    ):
        result = ingest(url, items, args.concurrency, args.timeout)
        # Again, traced: the same items (now updates) for the client's peak allocations.
        traced = ingest(url, items, args.concurrency, args.timeout, trace=True)
        result["traced_peak_mib"] = traced["traced_peak_mib"]

    print(
        f"{items} content items through submit_all (batches of 1000, {args.concurrency} in "
        f"flight) into the sandbox over loopback HTTP, first request to last report completed"
    )
    print()
    print("| seconds | items/s | client peak, tracemalloc (MiB) | client max RSS growth (MiB) |")
    print("|---:|---:|---:|---:|")
    print(
        f"| {result['seconds']:.1f} | {result['items_per_s']:.0f} "
        f"| {result['traced_peak_mib']:.1f} | {result['rss_growth_mib']:.1f} |"
    )
    alone = worker_alone(min(items, ALONE_ITEMS))
    print(f"\nthe worker alone, in the same run: {alone:.0f} entries/s")
    measure = f"ingest {items} content items"
    rows = [
        row(
            measure,
            "throughput",
            round(result["items_per_s"], 1),
            "items/s",
            ratio=round(result["items_per_s"] / alone, 3),
            ratio_of="end to end / worker alone",
            seconds=round(result["seconds"], 2),
        ),
        row(measure, "worker alone", round(alone, 1), "entries/s"),
    ]
    for subject, key in (("client peak (tracemalloc)", "traced_peak_mib"),
                         ("client max RSS growth", "rss_growth_mib")):  # fmt: skip
        rows.append(row(measure, subject, round(result[key], 2), "MiB"))
    write_result(
        args.json,
        __file__,
        "Batch ingest through submit_all into the sandbox over loopback HTTP",
        {"items": items, "concurrency": args.concurrency, "batch_size": 1000},
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
