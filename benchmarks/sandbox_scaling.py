#!/usr/bin/env python3
"""Sandbox scale-out over loopback HTTP: requests per second of a read (getUser) and a write
(createOrUpdateUser) with the sandbox served from 1 and from 2 processes on one database
(`evocalize sandbox --workers N`), on a SQLite file and on PostgreSQL, loaded by the same
autocannon with the same options as sandbox_throughput.py. The ratio 2 processes / 1 process
comes from numbers measured in this run.

PostgreSQL is the server named by EVOCALIZE_BENCH_POSTGRES_URL, or a private one this run
starts (Debian's postgresql package); without either its rows are left out, and said so.
On a 2-core machine the load generator shares the cores with the servers (and PostgreSQL), so
two processes cannot double anything: the ratio shows what a second process adds there.

Run: `python benchmarks/sandbox_scaling.py [--duration S] [--connections N] [--quick]
[--json PATH]`. Load goes to 127.0.0.1 only, bounded by --duration.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ServerDidNotStart, free_port, node_tool, row, write_result
from _postgres import emptied, postgres_server
from _throughput_server import KEY_ID_VARIABLE, SECRET_VARIABLE, server_stack
from sandbox_throughput import (
    KEY_ID,
    SERVER,
    Load,
    MeasurementFailed,
    cases,
    load,
    load_options,
    sandbox_seed,
    started,
    terminated_cleanly,
)

PROCESSES = (1, 2)


def measure_database(
    name: str, url: str, folder: Path, duration: int, connections: int, warmup: int
) -> dict[tuple[str, int], Load]:
    """The read and the write on `url`, served from each number of PROCESSES in turn (the
    database emptied and seeded afresh before each)."""
    autocannon = node_tool("autocannon")
    secret = secrets.token_urlsafe(24)
    read, write, _ = cases()
    seed = folder / "seed.json"
    seed.write_text(json.dumps(sandbox_seed(write.body or b"")), encoding="utf-8")
    env = {**os.environ, KEY_ID_VARIABLE: KEY_ID, SECRET_VARIABLE: secret}
    results: dict[tuple[str, int], Load] = {}
    for processes in PROCESSES:
        database = (
            f"sqlite:///{folder / f'scaling-{processes}.db'}" if name == "sqlite" else emptied(url)
        )
        port = free_port()
        command = [sys.executable, str(SERVER), "sandbox", "--port", str(port), "--database",
                   database, "--seed", str(seed), "--workers", str(processes)]  # fmt: skip
        with ExitStack() as stack:
            served = stack.enter_context(started(f"sandbox x{processes}", command, port, env))
            for case in (read, write):
                if warmup:
                    load(autocannon, served, case, secret, warmup, connections)
                results[case.measure, processes] = load(
                    autocannon, served, case, secret, duration, connections
                )
    return results


def result_rows(name: str, results: dict[tuple[str, int], Load]) -> list[dict[str, Any]]:
    rows = []
    for (measure, processes), measured in results.items():
        line = row(
            f"{measure}, {name}",
            f"{processes} process{'es' if processes > 1 else ''}",
            round(measured.requests_per_s, 1),
            "req/s",
            p50_ms=measured.p50_ms,
            p99_ms=measured.p99_ms,
        )
        if processes > 1:
            line["ratio"] = round(measured.requests_per_s / results[measure, 1].requests_per_s, 3)
            line["ratio_of"] = f"{processes} processes / 1"
        rows.append(line)
    return rows


def main(argv: list[str] | None = None) -> int:
    args = load_options(__doc__, argv)
    rows: list[dict[str, Any]] = []
    skipped = None
    try:
        with (
            terminated_cleanly(),
            tempfile.TemporaryDirectory(prefix="sandbox-scaling-") as folder,
            postgres_server() as postgres,
        ):
            options = (Path(folder), args.duration, args.connections, args.warmup)
            rows += result_rows("sqlite", measure_database("sqlite", "", *options))
            if postgres is None:
                skipped = "PostgreSQL: no server given and none could be started"
            else:
                rows += result_rows(
                    "postgresql", measure_database("postgresql", postgres, *options)
                )
    except (MeasurementFailed, ServerDidNotStart) as failure:
        print(f"measurement failed: {failure}", file=sys.stderr)
        return 1
    print("| case | processes | req/s | p50 ms | p99 ms | ratio |")
    print("|---|---|---:|---:|---:|---|")
    for line in rows:
        ratio = f"{line['ratio']:.2f} ({line['ratio_of']})" if "ratio" in line else ""
        print(f"| {line['measure']} | {line['subject']} | {line['value']:.0f} | "
              f"{line['p50_ms']:g} | {line['p99_ms']:g} | {ratio} |")  # fmt: skip
    if skipped:
        print(f"\n{skipped}")
    write_result(
        args.json,
        __file__,
        "Sandbox scale-out: 1 and 2 server processes on one database",
        {
            "duration_s": args.duration,
            "connections": args.connections,
            "warmup_s": args.warmup,
            "processes": list(PROCESSES),
            "server": server_stack(),
            "skipped": skipped,
        },
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
