#!/usr/bin/env python3
"""Contract fuzzing's pace: generated cases per second against the sandbox in process (ASGI,
the default of `evocalize fuzz`) and over loopback HTTP (uvicorn, as `--url` would reach it),
with the same options, seed and fresh fuzz-seeded database, in the same run; the ratio says what
the network path costs.

Run: `python benchmarks/fuzz_rate.py [--max-examples N] [--phases ...]`. Loopback only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from evocalize.fuzzing import FuzzOptions, FuzzTally, fuzz
from evocalize_sandbox.app import create_app
from evocalize_sandbox.embedded import embedded_sandbox
from evocalize_sandbox.fuzz_values import known_values
from evocalize_sandbox.seed import fuzz_seed
from evocalize_sandbox.settings import Settings
from schemathesis.python.asgi import shutdown_lifespans

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from served import serving

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    args = parser.parse_args()
    options = FuzzOptions(
        max_examples=args.max_examples, phases=tuple(args.phases.split(",")), seed=1, color=False
    )
    rows = [("in process (ASGI)", *in_process(options)), ("loopback HTTP", *over_http(options))]
    print("\n| target | requests | seconds | requests/s |\n|---|---:|---:|---:|")
    for name, requests, seconds in rows:
        print(f"| {name} | {requests} | {seconds:.1f} | {requests / seconds:.0f} |")
    (_, r1, s1), (_, r2, s2) = rows
    print(f"\nin process / HTTP, requests per second: {(r1 / s1) / (r2 / s2):.2f}")


if __name__ == "__main__":
    main()
