#!/usr/bin/env python3
"""Pagination's memory: iterating `--users` users (100,000 by default) through the facade's
`list_users()`, iterated, holds one page at a time, so the client's peak memory stays flat.

The users are written straight into a fresh SQLite file through the sandbox's own tables
before it serves (not through 100,000 requests); the sandbox then serves it over loopback
HTTP from a separate process (uvicorn). The client's tracemalloc peak is read after 10%, 50%
and 100% of the users (10,000, 50,000 and 100,000 by default), and the ratio of the last to
the first says whether it grew; also users per second, and the count is checked.

Run: `python benchmarks/pagination_memory.py [--users N] [--quick]`. Loopback only.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as bench
from evocalize import Evocalize

CHECKPOINTS = (0.1, 0.5, 1.0)  # fractions of the users at which the peak is read
INSERT_CHUNK = 10_000


def seed_users(database_url: str, count: int) -> None:
    """`count` users in the sandbox's `users` table, and the database marked as seeded (with
    nothing else: the sandbox must not add its default seed's users to the count)."""
    import sqlalchemy as sa
    from evocalize_sandbox import organizations
    from evocalize_sandbox.auth import register_clients
    from evocalize_sandbox.registry import load_resources
    from evocalize_sandbox.resources.users import users_table
    from evocalize_sandbox.seed import apply_seed
    from evocalize_sandbox.storage import create_engine, create_schema

    load_resources()
    engine = create_engine(database_url)
    try:
        create_schema(engine)
        register_clients(engine, {bench.KEY_ID: bench.SECRET})
        apply_seed(engine, {})  # an empty seed: its organization seeded, with no default objects
        users = (
            {"id": f"user{n:06d}", "name": f"User {n}", "email": f"user{n}@example.com"}
            for n in range(count)
        )
        # The users of the benchmark's client key (its own organization).
        with engine.begin() as conn, organizations.scope(conn, bench.KEY_ID):
            while chunk := list(itertools.islice(users, INSERT_CHUNK)):
                conn.execute(sa.insert(users_table), chunk)
    finally:
        engine.dispose()


def iterate(url: str, count: int) -> dict[str, Any]:
    checkpoints = {max(1, round(count * fraction)) for fraction in CHECKPOINTS}
    peaks: dict[int, float] = {}
    with Evocalize(url, bench.KEY_ID, bench.SECRET) as ev:
        # One page first, outside the measure: the first call's one-time set-up (the
        # connection, the model classes' caches) is not what pagination holds.
        ev.users.list_users()
        with bench.ClientMemory() as memory:
            start = time.perf_counter()
            seen = 0
            for _user in ev.users.list_users():
                seen += 1
                if seen in checkpoints:
                    peaks[seen] = memory.traced_peak_mib()
            elapsed = time.perf_counter() - start
    if seen != count:
        raise AssertionError(f"iterated {seen} users, {count} expected")
    return {"seconds": elapsed, "peaks_mib": peaks, "rss_growth_mib": memory.rss_growth_mib}


def main(argv: list[str] | None = None) -> int:
    parser = bench.benchmark_parser(__doc__)
    parser.add_argument("--users", type=int, help="users to iterate (default 100000)")
    args = parser.parse_args(argv)
    count = args.users or (5000 if args.quick else 100_000)

    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{Path(folder) / 'sandbox.db'}"
        seeding = time.perf_counter()
        seed_users(database_url, count)
        seeding = time.perf_counter() - seeding
        with bench.sandbox_server(database_url) as url:
            result = iterate(url, count)

    peaks: dict[int, float] = result["peaks_mib"]
    first, last = min(peaks), max(peaks)
    growth = peaks[last] / peaks[first]
    rate = count / result["seconds"]
    print(
        f"{count} users (seeded in {seeding:.1f} s) iterated through list_users() over "
        f"loopback HTTP: {result['seconds']:.1f} s, {rate:.0f} users/s"
    )
    print()
    print("| users iterated | client peak, tracemalloc (MiB) |\n|---:|---:|")
    for seen, peak in sorted(peaks.items()):
        print(f"| {seen} | {peak:.2f} |")
    print(
        f"\npeak after {last} / after {first}: {growth:.2f}; max RSS growth "
        f"{result['rss_growth_mib']:.1f} MiB"
    )

    measure = f"iterate {count} users"
    rows = [bench.row(measure, "throughput", round(rate, 1), "users/s")]
    for seen, peak in sorted(peaks.items()):
        extra: dict[str, Any] = {}
        if seen == last:
            extra = {"ratio": round(growth, 3), "ratio_of": f"peak at {last} / at {first}"}
        rows.append(bench.row(measure, f"client peak after {seen}", round(peak, 3), "MiB", **extra))
    rows.append(
        bench.row(measure, "client max RSS growth", round(result["rss_growth_mib"], 2), "MiB")
    )
    bench.write_result(
        args.json,
        __file__,
        "Pagination: client memory while iterating users over loopback HTTP",
        {"users": count, "page_size": "sandbox default (100)", "checkpoints": sorted(peaks)},
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
