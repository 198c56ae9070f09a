#!/usr/bin/env python3
"""Regeneration's wall time: `scripts/regenerate --check` (which regenerates every package into
a scratch folder and compares it with `generated/`, changing nothing in the checkout), the
median of `--runs` runs (1 with `--quick`). A run that reports differences fails the benchmark:
the time of a regeneration that does not match would not be the one that counts.

Run: `python benchmarks/regeneration.py [--runs N]`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import benchmark_parser, row, write_result

ROOT = Path(__file__).resolve().parents[1]


def one_run() -> float:
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regenerate"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(
            f"scripts/regenerate --check failed:\n{completed.stdout}{completed.stderr}"
        )
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = benchmark_parser(__doc__)
    parser.add_argument("--runs", type=int, help="runs, the median kept (default 3)")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)

    times = [one_run() for _ in range(runs)]
    median = statistics.median(times)
    print(
        f"scripts/regenerate --check: median {median:.1f} s over {runs} run(s) "
        f"({', '.join(f'{t:.1f}' for t in times)})"
    )
    write_result(
        args.json,
        __file__,
        "Regeneration: wall time of scripts/regenerate --check",
        {"runs": runs},
        [
            row(
                "scripts/regenerate --check",
                "wall time (median)",
                round(median, 2),
                "s",
                runs=[round(t, 2) for t in times],
            )
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
