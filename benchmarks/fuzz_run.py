#!/usr/bin/env python3
"""A whole `evocalize fuzz` as a partner runs it first: its defaults (every operation, every
phase, every check, its default examples and processes) against the embedded sandbox, timed
from the command's start to its report, start-up included; it must pass.

`--quick` fuzzes two operations with two examples each.
Run: `python benchmarks/fuzz_run.py [--quick] [--json PATH]`. In process, no network.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time

from _common import benchmark_parser, row, write_result

# The `evocalize` command of this interpreter (the package has no `__main__`).
EVOCALIZE = (sys.executable, "-c", "from evocalize.cli import main; main()")
QUICK = ("--max-examples", "2", "--operation", "getUser", "--operation", "listUsers")


def main(argv: list[str] | None = None) -> int:
    parser = benchmark_parser(__doc__)
    args = parser.parse_args(argv)
    options = QUICK if args.quick else ()
    command = [*EVOCALIZE, "fuzz", *options]
    with tempfile.TemporaryDirectory() as folder:
        started = time.monotonic()
        run = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        seconds = time.monotonic() - started
    if run.returncode != 0:
        sys.stderr.write(run.stdout[-3000:] + run.stderr[-3000:])
        raise SystemExit(f"evocalize fuzz failed (exit code {run.returncode})")
    # Its last line: "PASSED: 50 operations, 8,099 requests, 0 failures in 54.3 s".
    found = re.search(r"PASSED: .*?([\d,]+) requests", run.stdout)
    requests = int(found.group(1).replace(",", "")) if found else None
    print(f"evocalize fuzz {' '.join(options) or '(defaults)'}: passed in {seconds:.1f} s"
          + (f", {requests} requests" if requests else ""))  # fmt: skip
    measure = "evocalize fuzz, defaults" if not args.quick else "evocalize fuzz, quick"
    rows = [row(measure, "wall time", round(seconds, 1), "s", requests=requests)]
    if requests:
        rows.append(row(measure, "requests", round(requests / seconds, 1), "requests/s"))
    write_result(
        args.json,
        __file__,
        "A whole `evocalize fuzz` with its defaults against the embedded sandbox",
        {"command": ["evocalize", "fuzz", *options]},
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
