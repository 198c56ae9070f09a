"""With only `evocalize[cli]`, the command line works, and a subcommand that needs more names
the extra to install in one line, exit 1. Run in a fresh interpreter in which the extras'
modules cannot be imported (as if they were not installed); tests/test_packaging.py does the
same on a real `[cli]`-only install of the built wheel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("typer")

ROOT = Path(__file__).resolve().parents[1]
NOT_INSTALLED = (
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "python_multipart",
    "multipart",
    "schemathesis",
    "hypothesis",
    "a2wsgi",
    "werkzeug",
    "psycopg",
)
RUN = """
import sys
for name in {blocked!r}:
    sys.modules[name] = None  # `import name` fails; importlib.util.find_spec(name) is None
sys.argv = ["evocalize", *{args!r}]
from evocalize.cli import main
main()
"""


def evocalize(*args: str) -> subprocess.CompletedProcess[str]:
    code = RUN.format(blocked=NOT_INSTALLED, args=list(args))
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT.parent, capture_output=True, text=True, timeout=120
    )


def test_help_lists_every_command_without_the_extras() -> None:
    shown = evocalize("--help")
    assert shown.returncode == 0, shown.stderr
    for command in ("call", "list", "push", "webhook", "fuzz", "sandbox"):
        assert command in shown.stdout


def test_a_client_command_works_without_the_extras() -> None:
    listed = evocalize("operations")
    assert listed.returncode == 0, listed.stderr
    assert "get_user" in listed.stdout


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["sandbox", "--port", "0"], "sandbox"),
        (["sandbox", "send-leads", "--help"], "sandbox"),
        (["fuzz", "--max-examples", "1"], "fuzz"),
        (["webhook", "listen", "--no-verify"], "sandbox"),
    ],
    ids=["sandbox", "send-leads", "fuzz", "webhook-listen"],
)
def test_a_command_that_needs_an_extra_names_it_in_one_line(args: list[str], extra: str) -> None:
    refused = evocalize(*args)
    assert refused.returncode == 1
    assert refused.stdout == ""
    (line,) = refused.stderr.strip().splitlines()
    assert line.startswith(f"evocalize {' '.join(args[:2] if args[0] == 'webhook' else args[:1])}:")
    assert line.endswith(f"pip install 'evocalize[{extra}]'")
