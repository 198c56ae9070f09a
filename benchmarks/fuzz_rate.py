#!/usr/bin/env python3
"""Contract fuzzing's pace: generated cases per second against the sandbox in process (ASGI,
the default of `evocalize fuzz`) and over loopback HTTP (uvicorn, as `--url` would reach it),
with the same options, seed and fresh fuzz-seeded database, in the same run; the ratio says what
the network path costs.

`--quick` fuzzes a few operations with a couple of examples each.
Run: `python benchmarks/fuzz_rate.py [--max-examples N] [--phases ...]`. Loopback only.
"""

from __future__ import annotations

import sys
import tempfile
import time

from _common import benchmark_parser, row, serving, write_result
from evocalize.fuzzing import FuzzOptions, FuzzTally, fuzz
from evocalize_sandbox.app import create_app
from evocalize_sandbox.embedded import embedded_sandbox
from evocalize_sandbox.fuzz_values import known_values
from evocalize_sandbox.seed import fuzz_seed
from evocalize_sandbox.settings import Settings
from schemathesis.python.asgi import shutdown_lifespans

# What --quick fuzzes: a read, a listing and a write.
QUICK_OPERATIONS = ("getUser", "listUsers", "createOrUpdateGroup")

KEY_ID, SECRET = "bench-fuzz", "bench-fuzz-secret"


def in_process(options: FuzzOptions) -> tuple[int, float]:
    with embedded_sandbox() as sandbox:
        tally = FuzzTally()
        started = time.monotonic()
        fuzz(key_id=sandbox.key_id, secret=sandbox.secret, app=sandbox.app, options=options,
             tally=tally)  # fmt: skip
        elapsed = time.monotonic() - started
        shutdown_lifespans()
    return tally.total_requests, elapsed


def over_http(options: FuzzOptions) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as folder:
        seed = fuzz_seed()
        app = create_app(
            database_url=f"sqlite:///{folder}/sandbox.db",
            clients={KEY_ID: SECRET},
            seed=seed,
            settings=Settings(audience_processing_seconds=0.0),  # as the embedded sandbox
        )
        with serving(app) as url:
            tally = FuzzTally()
            started = time.monotonic()
            # What the embedded sandbox publishes in process, given here as a partner would.
            fuzz(key_id=KEY_ID, secret=SECRET, url=url, options=options, tally=tally,
                 known_values=known_values(seed))  # fmt: skip
            elapsed = time.monotonic() - started
    return tally.total_requests, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = benchmark_parser(__doc__)
    parser.add_argument("--max-examples", type=int, help="default 20 (2 with --quick)")
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    args = parser.parse_args(argv)
    options = FuzzOptions(
        max_examples=args.max_examples or (2 if args.quick else 20),
        phases=tuple(args.phases.split(",")),
        seed=1,
        color=False,
        include_operation_ids=QUICK_OPERATIONS if args.quick else (),
    )
    rows = [("in-process", *in_process(options)), ("http", *over_http(options))]
    print("\n| target | requests | seconds | requests/s |\n|---|---:|---:|---:|")
    for name, requests, seconds in rows:
        print(f"| {name} | {requests} | {seconds:.1f} | {requests / seconds:.0f} |")
    (_, r1, s1), (_, r2, s2) = rows
    ratio = (r1 / s1) / (r2 / s2)
    print(f"\nin process / HTTP, requests per second: {ratio:.2f}")
    measure = "generated cases"
    write_result(
        args.json,
        __file__,
        "Contract fuzzing: generated cases per second, in process and over loopback HTTP",
        {
            "max_examples": options.max_examples,
            "phases": list(options.phases),
            "operations": list(options.include_operation_ids) or "all",
        },
        [
            row(measure, "in-process", round(r1 / s1, 1), "cases/s", cases=r1),
            row(
                measure,
                "http",
                round(r2 / s2, 1),
                "cases/s",
                cases=r2,
                ratio=round(ratio, 3),
                ratio_of="in-process / http",
            ),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
