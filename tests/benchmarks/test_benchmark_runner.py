"""`benchmarks/run.py`, the one command behind the benchmarks: it runs the cheap ones with
`--quick` and writes the JSON results, the Markdown table and the chart."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHEAP = ("client_overhead", "pagination_memory")


def test_the_runner_writes_the_table_the_results_and_the_chart(tmp_path: Path) -> None:
    out = tmp_path / "results"
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--out",
            str(out),
            "--only",
            *CHEAP,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr

    document = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    assert [result["benchmark"] for result in document["results"]] == list(CHEAP)
    assert document["failed"] == []
    assert {"python", "platform", "cpu_count", "git_commit", "date"} <= set(document["environment"])
    rows = [(result["benchmark"], row) for result in document["results"] for row in result["rows"]]
    assert all(row["value"] > 0 for _, row in rows)
    # The facade's ratio over raw httpx, computed in the run, for the loopback case too.
    overhead = {row["measure"]: row for name, row in rows if row["subject"] == "facade"}
    assert any("loopback" in measure for measure in overhead)
    assert all(row["ratio"] > 0 and row["ratio_of"] for row in overhead.values())

    table = (out / "latest.md").read_text(encoding="utf-8").splitlines()
    assert table[0] == "| Benchmark | Measure | Subject | Value | Unit | p50 ms | p99 ms | Ratio |"
    assert len(table) == 2 + len(rows)  # header, separator, a line per row
    assert table[0] in completed.stdout  # the table is printed too
    for line, (name, row) in zip(table[2:], rows, strict=True):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[:3] == [name, row["measure"], row["subject"]]
        assert float(cells[3].replace(",", "")) > 0

    assert (out / "latest.png").read_bytes().startswith(b"\x89PNG")


def load_runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "benchmark_runner", ROOT / "benchmarks" / "run.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PASSING = """
import json, sys
path = sys.argv[sys.argv.index("--json") + 1]
row = {"measure": "m", "subject": "s", "value": 2.5, "unit": "x/s"}
open(path, "w").write(json.dumps({"benchmark": "a_passes", "title": "t", "parameters": {},
                                  "rows": [row]}))
"""


def test_a_failing_benchmark_fails_the_run_after_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    runner = load_runner()
    scripts = tmp_path / "benchmarks"
    scripts.mkdir()
    (scripts / "a_passes.py").write_text(PASSING, encoding="utf-8")
    (scripts / "b_fails.py").write_text("raise SystemExit('the load went wrong')\n")
    (scripts / "_helper.py").write_text("raise SystemExit('helpers are not benchmarks')\n")
    monkeypatch.setattr(runner, "HERE", scripts)

    assert runner.main(["--quick", "--out", str(tmp_path / "out")]) == 1

    document = json.loads((tmp_path / "out" / "latest.json").read_text(encoding="utf-8"))
    assert [result["benchmark"] for result in document["results"]] == ["a_passes"]
    assert document["failed"] == ["b_fails"]
    captured = capsys.readouterr()
    assert "| a_passes | m | s | 2.5 | x/s |" in captured.out
    assert "FAILED: b_fails" in captured.err and "the load went wrong" in captured.err
