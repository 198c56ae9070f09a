"""The throughput benchmark measures what it says in its quick form: every target answers every
case with 2xx only, at a rate above zero, and the result file has the shared benchmark format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from node_tools import NodeToolsMissing, node_tool

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "sandbox_throughput.py"
SUBJECTS = {"sandbox", "prism", "bare-asgi"}
CASES = {"read: getUser", "write: createOrUpdateUser", "listing: listUsers"}


@pytest.fixture(scope="module")
def quick_result(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    try:
        node_tool("prism")  # npm ci before the timed run, when node_modules/ is not there yet
    except NodeToolsMissing as missing:
        pytest.skip(str(missing))
    output = tmp_path_factory.mktemp("throughput") / "result.json"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result: dict = json.loads(output.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return result


def test_every_target_serves_every_case_with_2xx_only(quick_result: dict) -> None:  # type: ignore[type-arg]
    measured = {(row["measure"], row["subject"]): row for row in quick_result["rows"]}
    assert set(measured) == {(case, subject) for case in CASES for subject in SUBJECTS}
    for row in measured.values():
        assert row["unit"] == "req/s"
        assert row["value"] > 0
        assert row["non_2xx"] == 0
        assert row["errors"] == 0


def test_the_sandbox_is_compared_with_each_baseline_in_the_same_run(
    quick_result: dict,  # type: ignore[type-arg]
) -> None:
    assert quick_result["benchmark"] == "sandbox_throughput"
    rows = {(row["measure"], row["subject"]): row for row in quick_result["rows"]}
    for (case, subject), row in rows.items():
        if subject == "sandbox":
            assert "ratio" not in row
            continue
        assert row["ratio_of"] == f"sandbox / {subject}"
        assert row["ratio"] == pytest.approx(
            rows[case, "sandbox"]["value"] / row["value"], rel=0.01
        )
