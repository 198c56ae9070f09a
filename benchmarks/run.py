#!/usr/bin/env python3
"""Runs every benchmark and gathers their results: one Markdown table, one JSON file, one chart.

    python benchmarks/run.py [--quick] [--out DIR] [--only NAME...]

Every `benchmarks/*.py` but this one and the `_*.py` helpers runs as a subprocess with
`--json <file>` (and `--quick`), in this order: the ones named in ORDER first (cheap and
in-process first, the long loopback loads last), then any others alphabetically. A progress
line per benchmark (name, elapsed seconds) goes to stderr. Then DIR (default
`benchmarks/results/`) gets `latest.json` (every result and the environment: Python,
platform, CPU count, git commit, date), `latest.md` (the table printed at the end) and
`latest.png` (one panel per benchmark, a bar per subject and measure), and `logs/` each
benchmark's own output.

A benchmark that fails does not stop the others; the run then exits 1 after writing what
did succeed, with the tail of the failed benchmark's stderr shown.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ORDER = (
    "client_overhead",
    "regeneration",
    "fuzz_rate",
    "fuzz_run",
    "pagination_memory",
    "sandbox_batches",
    "sandbox_throughput",
    "sandbox_scaling",
    "batch_ingest",
)
TIMES = "\N{MULTIPLICATION SIGN}"
COLUMNS = ("Benchmark", "Measure", "Subject", "Value", "Unit", "p50 ms", "p99 ms", "Ratio")
STDERR_TAIL_LINES = 30


def discover() -> list[str]:
    names = {
        path.stem
        for path in HERE.glob("*.py")
        if path.name != Path(__file__).name and not path.name.startswith("_")
    }
    known = [name for name in ORDER if name in names]
    return known + sorted(names - set(known))


def run_one(
    name: str, quick: bool, folder: Path, logs: Path
) -> tuple[dict[str, Any] | None, str, float]:
    """Runs one benchmark; returns its result (None when it failed), its stderr, seconds.
    Its own output (its summary, its stderr) goes to `logs/NAME.log`."""
    result_file = folder / f"{name}.json"
    command = [sys.executable, str(HERE / f"{name}.py"), "--json", str(result_file)]
    if quick:
        command.append("--quick")
    started = time.monotonic()
    done = threading.Event()

    def show_progress() -> None:
        while not done.wait(1.0):
            sys.stderr.write(f"\r… {name}: {time.monotonic() - started:.0f} s")
            sys.stderr.flush()

    ticker = threading.Thread(target=show_progress, daemon=True)
    ticker.start()
    try:
        # The benchmark's own summary goes to a file, not to the table printed at the end.
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    finally:
        done.set()
        ticker.join()
    elapsed = time.monotonic() - started
    ok = completed.returncode == 0 and result_file.exists()
    sys.stderr.write(f"\r{'✓' if ok else '✗'} {name}: {elapsed:.1f} s{' ' * 10}\n")
    (logs / f"{name}.log").write_text(completed.stdout + completed.stderr, encoding="utf-8")
    if not ok:
        return None, completed.stderr, elapsed
    result: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    return result, completed.stderr, elapsed


def environment() -> dict[str, Any]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "git_commit": commit,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 10 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def markdown_table(results: Sequence[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|---|---|---|---:|---|---:|---:|---:|"]
    for result in results:
        for line in result["rows"]:
            ratio = line.get("ratio")
            shown_ratio = (
                "" if ratio is None else f"{ratio:.2f}{TIMES} ({line.get('ratio_of', '')})"
            )
            cells = (
                result["benchmark"],
                line["measure"],
                line["subject"],
                number(line["value"]),
                line["unit"],
                number(line.get("p50_ms")),
                number(line.get("p99_ms")),
                shown_ratio,
            )
            lines.append("| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def chart(results: Sequence[dict[str, Any]], path: Path) -> None:
    """One panel per benchmark: a horizontal bar per row (measure and subject), labelled with
    its value and unit (units differ within a panel, so each bar carries its own)."""
    import matplotlib

    matplotlib.use("Agg")  # headless: no display needed
    import matplotlib.pyplot as plt

    panels = [result for result in results if result["rows"]]
    if not panels:
        return
    heights = [1.0 + 0.45 * len(result["rows"]) for result in panels]
    figure, axes = plt.subplots(
        len(panels), 1, figsize=(11, sum(heights)), gridspec_kw={"height_ratios": heights}
    )
    for axis, result in zip(list(axes) if len(panels) > 1 else [axes], panels, strict=True):
        rows = result["rows"]
        labels = [f"{line['measure']}\n{line['subject']}" for line in rows]
        # Bars compare within a unit: each bar is scaled to the largest value of its unit.
        largest: dict[str, float] = {}
        for line in rows:
            largest[line["unit"]] = max(largest.get(line["unit"], 0.0), abs(line["value"]))
        widths = [abs(line["value"]) / (largest[line["unit"]] or 1.0) for line in rows]
        positions = range(len(rows))
        axis.barh(positions, widths, color=[f"C{n % 10}" for n in positions])
        axis.set_yticks(list(positions), labels, fontsize=8)
        axis.invert_yaxis()
        axis.set_xlim(0, 1.9)  # room for the labels right of the longest bars
        axis.set_xticks([])
        for position, (line, width) in enumerate(zip(rows, widths, strict=True)):
            text = f"{number(line['value'])} {line['unit']}"
            if line.get("ratio") is not None:
                text += f"   {line['ratio']:.2f}{TIMES} ({line.get('ratio_of', '')})"
            axis.text(width + 0.01, position, text, va="center", fontsize=8)
        axis.set_title(result.get("title") or result["benchmark"], fontsize=10, loc="left")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, seconds per benchmark")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="where to write")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these benchmarks")
    args = parser.parse_args(argv)

    names = discover()
    if args.only:
        unknown = sorted(set(args.only) - set(names))
        if unknown:
            parser.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(names)}")
        names = [name for name in names if name in args.only]

    results: list[dict[str, Any]] = []
    failures: dict[str, str] = {}
    durations: dict[str, float] = {}
    started = time.monotonic()
    logs = args.out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            result, stderr, durations[name] = run_one(name, args.quick, Path(folder), logs)
            if result is None:
                failures[name] = stderr
            else:
                results.append(result)
    total = time.monotonic() - started

    document = {
        "environment": environment(),
        "quick": args.quick,
        "seconds": {**{name: round(s, 1) for name, s in durations.items()}, "total": round(total)},
        "failed": sorted(failures),
        "results": results,
    }
    (args.out / "latest.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    table = markdown_table(results)
    (args.out / "latest.md").write_text(table, encoding="utf-8")
    chart(results, args.out / "latest.png")

    print(table)
    print(f"{len(results)} benchmark(s) in {total:.0f} s; written to {args.out}/latest.*")
    for name, stderr in failures.items():
        tail = "\n".join(stderr.splitlines()[-STDERR_TAIL_LINES:])
        print(f"\nFAILED: {name}\n{tail}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
