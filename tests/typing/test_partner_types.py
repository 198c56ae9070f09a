"""A partner's file type-checks as the typed client promises, under both checkers partners use:
mypy --strict and pyright see every call's answer as its model (`partner_code.py` asserts each
type), and both report each mistake of `partner_mistakes.py` on its line, and nothing else."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api as mypy_api
from node_tools import NodeToolsMissing, node_tool

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CODE = HERE / "partner_code.py"
MISTAKES = HERE / "partner_mistakes.py"


def marked_lines(path: Path) -> set[int]:
    """The lines of `path` marked `# error`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, 1) if "  # error: " in line}


def mypy_errors(path: Path) -> set[int]:
    stdout, _, _ = mypy_api.run(
        # The partner's settings, not the project's (whose `exclude` names the mistakes file).
        ["--config-file", "", "--strict", "--no-incremental", "--cache-dir", "/dev/null", str(path)]
    )
    pattern = re.compile(rf"^(?:.*/)?{re.escape(path.name)}:(\d+): error:", re.MULTILINE)
    return {int(line) for line in pattern.findall(stdout)}


def pyright_errors(path: Path) -> set[int]:
    try:
        pyright = node_tool("pyright")
    except NodeToolsMissing as missing:
        pytest.skip(str(missing))
    result = subprocess.run(
        [str(pyright), "--pythonpath", sys.executable, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    pattern = re.compile(rf"{re.escape(str(path))}:(\d+):\d+ - error", re.MULTILINE)
    return {int(line) for line in pattern.findall(result.stdout)}


def test_mypy_strict_sees_every_answer_as_its_model() -> None:
    assert mypy_errors(CODE) == set()


def test_mypy_strict_reports_each_mistake_of_a_partner() -> None:
    assert mypy_errors(MISTAKES) == marked_lines(MISTAKES)


def test_pyright_sees_every_answer_as_its_model() -> None:
    assert pyright_errors(CODE) == set()


def test_pyright_reports_each_mistake_of_a_partner() -> None:
    assert pyright_errors(MISTAKES) == marked_lines(MISTAKES)
