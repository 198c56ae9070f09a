#!/usr/bin/env python3
"""How fast the sandbox's worker applies batches, and what it costs the API meanwhile.

Two measurements on fresh databases (SQLite files in a temporary directory by default, or a
PostgreSQL URL given with `--db`, whose sandbox tables are dropped first):

1. Throughput: batches of content items (all valid, and one entry in ten failing) and of
   users are accepted, then `process_pending_batches()` applies them in-process, timed alone:
   entries per second, and the worker's CPU time per entry against the baseline measured in
   the same run, the same entries' appliers called by themselves in one transaction, one
   entry at a time (what the worker adds: transactions, savepoints, progress marks, counters,
   leases; and what it saves: an applier's reads shared by a group, below 1 when they win).
2. Latency: a real server (uvicorn in a child process, the background worker on) answers
   sequential signed `GET /user/{userId}` requests while idle, then while it processes
   `--batches` content-item batches submitted at once. Reported: p50/p99 in milliseconds in
   both phases, their ratio (during / idle) and the worker's rate while serving.

Absolute numbers depend on the machine, and on a busy one they vary from run to run: compare
runs made one after the other on the same machine, with more `--rounds`.
Run: `python benchmarks/sandbox_batches.py` (`--help` for the knobs).
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from _common import (
    API,
    KEY_ID,
    SECRET,
    benchmark_parser,
    percentile,
    row,
    sandbox_server,
    write_result,
)
from evocalize.auth import SignatureAuth

REPOSITORY = "listings"  # in the sandbox's default seed

# starlette's TestClient warns that it will move to httpx2; the generated client needs httpx.
warnings.filterwarnings("ignore", message=".*httpx2.*")


def item_entries(count: int, failing_every: int = 0) -> list[dict[str, Any]]:
    """Content items for the `listings` repository; every `failing_every`-th one has a value
    of the wrong type, so the sandbox records it as failed."""
    return [
        {
            "values": {
                "id": f"item{n:05d}",
                "address": f"{n} Main St",
                "price": "not a number" if failing_every and n % failing_every == 0 else n * 1000,
                "bedrooms": n % 5,
            }
        }
        for n in range(count)
    ]


def user_entries(count: int) -> list[dict[str, Any]]:
    return [
        {"id": f"user{n:05d}", "name": f"User {n}", "email": f"user{n}@example.com"}
        for n in range(count)
    ]


def fresh_database(option: str | None, directory: Path, name: str) -> str:
    if not option:
        return f"sqlite:///{directory / name}.db"
    from evocalize_sandbox.registry import load_resources
    from evocalize_sandbox.storage import metadata

    load_resources()
    engine = sa.create_engine(option)
    metadata.drop_all(engine)
    engine.dispose()
    return option


# Throughput ---------------------------------------------------------------------------------


def appliers_alone(
    sandbox: Any, operation_id: str, path: dict[str, str], entries: list[Any]
) -> float:
    """CPU seconds the entries' appliers take by themselves, in one transaction (rolled back)
    without savepoints or bookkeeping, each entry on its own (outside a worker's group, an
    applier's `group_memo` reads again for every entry)."""
    from evocalize.spec import operation_spec
    from evocalize_sandbox import organizations
    from evocalize_sandbox.context import EntryContext
    from evocalize_sandbox.errors import ApiError
    from evocalize_sandbox.registry import ENTRY_APPLIERS

    applier = ENTRY_APPLIERS[operation_id]
    operation = operation_spec(operation_id)
    with sandbox.engine.connect() as conn, organizations.scope(conn, KEY_ID):
        transaction = conn.begin()
        start = time.process_time()
        for position, entry in enumerate(entries):
            ctx = EntryContext(sandbox, conn, operation, dict(path), KEY_ID, "", position)
            # The failing entries fail on validation, before writing anything.
            with contextlib.suppress(ApiError):
                applier(ctx, entry)
        elapsed = time.process_time() - start
        transaction.rollback()
    return elapsed


def throughput(
    database_url: str, case: tuple[str, str, dict[str, str], list[Any]]
) -> dict[str, Any]:
    """One batch applied by one in-process `process_pending_batches()` call: entries per
    second (wall clock), and the worker's CPU time per entry against the appliers' alone."""
    from evocalize_sandbox.app import create_app
    from evocalize_sandbox.settings import Settings
    from starlette.testclient import TestClient

    operation_id, path, path_params, entries = case
    app = create_app(
        database_url=database_url,
        clients={KEY_ID: SECRET},
        settings=Settings(run_worker=False),
    )
    sandbox = app.state.sandbox
    try:
        alone = appliers_alone(sandbox, operation_id, path_params, entries)
        http = TestClient(app, base_url="http://sandbox")
        http.auth = SignatureAuth(KEY_ID, SECRET)
        response = http.post(API + path, json=entries)
        assert response.status_code == 202, response.text
        start, cpu_start = time.perf_counter(), time.process_time()
        applied = sandbox.process_pending_batches()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        assert applied == len(entries), (applied, len(entries))
        report_id = response.json()["data"]["reportId"]
        report = http.get(f"{API}/items/report/{report_id}").json()["data"]
        assert report["isCompleted"], report
        return {
            "entries_per_s": applied / elapsed,
            "worker_cpu_us": cpu / applied * 1e6,
            "appliers_cpu_us": alone / applied * 1e6,
            "error_items": report["errorItems"],
        }
    finally:
        sandbox.engine.dispose()


# Latency ------------------------------------------------------------------------------------


def timed(call: Callable[[], httpx.Response]) -> float:
    start = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.text
    return elapsed * 1000


def latency(database_url: str, batches: int, entries: int, idle_requests: int) -> dict[str, Any]:
    with (
        sandbox_server(database_url) as url,
        httpx.Client(base_url=url, auth=SignatureAuth(KEY_ID, SECRET), timeout=60) as http,
    ):
        created = http.post(
            f"{API}/user", json={"id": "reader", "name": "Reader", "email": "reader@example.com"}
        )
        assert created.status_code == 201, created.text

        def get_user() -> httpx.Response:
            return http.get(f"{API}/user/reader")

        for _ in range(50):
            timed(get_user)  # warm-up
        idle = [timed(get_user) for _ in range(idle_requests)]

        start = time.perf_counter()
        report_ids = []
        for n in range(batches):
            body = [
                {"values": {**item["values"], "id": f"b{n}-{item['values']['id']}"}}
                for item in item_entries(entries)
            ]
            response = http.post(f"{API}/repository/{REPOSITORY}/items", json=body)
            assert response.status_code == 202, response.text
            report_ids.append(response.json()["data"]["reportId"])
        during: list[float] = []
        while True:
            during.extend(timed(get_user) for _ in range(10))
            last = http.get(f"{API}/items/report/{report_ids[-1]}").json()["data"]
            if last["isCompleted"]:
                break
        elapsed = time.perf_counter() - start
        for report_id in report_ids:
            report = http.get(f"{API}/items/report/{report_id}").json()["data"]
            assert report["isCompleted"] and report["successfulItems"] == entries, report
    return {
        "idle_p50_ms": percentile(idle, 0.5),
        "idle_p99_ms": percentile(idle, 0.99),
        "during_p50_ms": percentile(during, 0.5),
        "during_p99_ms": percentile(during, 0.99),
        "during_requests": len(during),
        "worker_entries_per_s": batches * entries / elapsed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = benchmark_parser(__doc__)
    parser.add_argument("--entries", type=int, help="entries per batch (<= 1000; default 1000)")
    parser.add_argument("--batches", type=int, help="batches in the latency phase (default 3)")
    parser.add_argument("--rounds", type=int, help="throughput runs, median kept (default 3)")
    parser.add_argument("--idle-requests", type=int, help="default 300")
    parser.add_argument("--db", help="a PostgreSQL URL (default: temporary SQLite files)")
    args = parser.parse_args(argv)
    args.entries = args.entries or (200 if args.quick else 1000)
    args.batches = args.batches or (2 if args.quick else 3)
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.idle_requests = args.idle_requests or (100 if args.quick else 300)

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as directory:
        items = ("createOrUpdateItemBatch", f"/repository/{REPOSITORY}/items")
        repository = {"repositoryId": REPOSITORY}
        cases = {
            "content items": (*items, repository, item_entries(args.entries)),
            "content items, 1 in 10 failing": (
                *items,
                repository,
                item_entries(args.entries, failing_every=10),
            ),
            "users": ("createOrUpdateUserBatch", "/users", {}, user_entries(args.entries)),
        }
        for name, case in cases.items():
            runs = [
                throughput(fresh_database(args.db, Path(directory), f"{name}-{n}"), case)
                for n in range(args.rounds)
            ]
            results[name] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        url = fresh_database(args.db, Path(directory), "latency")
        results["latency"] = latency(url, args.batches, args.entries, args.idle_requests)

    print(f"Throughput: one batch of {args.entries} entries, median of {args.rounds} runs")
    print()
    print(
        "| batch | entries/s | failed | worker CPU µs/entry | appliers alone CPU µs/entry "
        "| worker / appliers |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, line in results.items():
        if name != "latency":
            print(
                f"| {name} | {line['entries_per_s']:.0f} | {line['error_items']:.0f} "
                f"| {line['worker_cpu_us']:.0f} | {line['appliers_cpu_us']:.0f} "
                f"| {line['worker_cpu_us'] / line['appliers_cpu_us']:.2f} |"
            )
    lat = results["latency"]
    print()
    print(
        f"GET /user/{{userId}} latency, sequential, while idle ({args.idle_requests} requests) "
        f"and while the worker applies {args.batches} x {args.entries} content items "
        f"({lat['during_requests']} requests; worker rate {lat['worker_entries_per_s']:.0f}/s)"
    )
    print()
    print("| | idle (ms) | during processing (ms) | during / idle |")
    print("|---|---:|---:|---:|")
    for level in ("p50", "p99"):
        idle, during = lat[f"idle_{level}_ms"], lat[f"during_{level}_ms"]
        print(f"| {level} | {idle:.2f} | {during:.2f} | {during / idle:.1f} |")
    rows = []
    for name, line in results.items():
        if name == "latency":
            continue
        measure = f"apply a batch of {args.entries}: {name}"
        rows.append(
            row(
                measure,
                "worker",
                round(line["entries_per_s"], 1),
                "entries/s",
                error_items=line["error_items"],
            )
        )
        rows.append(
            row(
                measure,
                "worker CPU",
                round(line["worker_cpu_us"], 1),
                "µs/entry",
                ratio=round(line["worker_cpu_us"] / line["appliers_cpu_us"], 3),
                ratio_of="worker / appliers alone",
            )
        )
        rows.append(
            row(measure, "appliers alone CPU", round(line["appliers_cpu_us"], 1), "µs/entry")
        )
    measure = f"GET user while applying {args.batches} x {args.entries} items"
    for subject, phase in (("idle", "idle"), ("during batches", "during")):
        p50, p99 = round(lat[f"{phase}_p50_ms"], 3), round(lat[f"{phase}_p99_ms"], 3)
        rows.append(row(measure, subject, p50, "ms (p50)", p50_ms=p50, p99_ms=p99))
    rows[-1]["ratio"] = round(lat["during_p99_ms"] / lat["idle_p99_ms"], 2)
    rows[-1]["ratio_of"] = "p99 during / idle"
    rows.append(
        row(measure, "worker while serving", round(lat["worker_entries_per_s"], 1), "entries/s")
    )
    write_result(
        args.json,
        __file__,
        "Sandbox batches: the worker's throughput, and API latency while it works",
        {
            "entries": args.entries,
            "batches": args.batches,
            "rounds": args.rounds,
            "idle_requests": args.idle_requests,
            "database": "postgresql" if args.db else "sqlite",
        },
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
