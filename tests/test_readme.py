"""README.md gives a newcomer exactly two set-up commands, and CI runs the second one."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_commands() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- setup:(\w+) -->\n```sh\n(.+?)\n```", readme, flags=re.DOTALL)
    return dict(blocks)


def test_the_readme_has_exactly_an_install_and_a_test_command() -> None:
    commands = setup_commands()
    assert list(commands) == ["install", "test"]
    assert all("\n" not in command for command in commands.values())
    # The main job needs every extra (the fuzzer, the sandbox it fuzzes, the command line).
    assert 'pip install ".[all]"' in commands["install"]
    assert "evocalize fuzz" in commands["install"]
    # The tests run at the exact versions CI pins.
    assert 'pip install -e ".[test]" -c constraints.txt' in commands["test"]
    assert "pytest" in commands["test"]


def test_ci_runs_the_readmes_test_command() -> None:
    script = ROOT / ".ci" / "run"
    extract = re.search(
        r"test_command=\$\((awk .+ README\.md)\)", script.read_text(encoding="utf-8")
    )
    assert extract is not None
    out = subprocess.run(
        ["bash", "-c", extract.group(1)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == setup_commands()["test"]
