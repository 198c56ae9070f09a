"""The `evocalize` command: its version, the operations of the installed client, and the help
and the one-line errors of every command."""

from __future__ import annotations

from typing import Any

import evocalize
import pytest
from evocalize.cli import app
from openapi_doc import operations
from openapi_python_client.strings import snake_case
from typer.main import get_command
from typer.testing import CliRunner

runner = CliRunner()


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"evocalize {evocalize.__version__}"


def test_operations_lists_every_operation_of_the_spec_with_its_summary() -> None:
    result = runner.invoke(app, ["operations"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    spec = operations()
    assert len(lines) == len(spec)
    for op in spec:
        (line,) = [line for line in lines if line.split()[1] == snake_case(op.id)]
        assert line.split()[0] == snake_case(op.node["tags"][0])
        assert line.split()[2] == op.id
        assert line.endswith(op.node["summary"])


def test_without_arguments_it_shows_help_naming_its_commands() -> None:
    result = runner.invoke(app, [])
    assert "operations" in result.output
    assert "--version" in result.output


def command_paths() -> list[list[str]]:
    """Every command and sub-command of `evocalize`, as the words that name it."""
    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        subcommands = getattr(command, "commands", {})
        if path:
            found.append(path)
        for name, sub in subcommands.items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


def test_every_command_is_there() -> None:
    top = {path[0] for path in command_paths()}
    assert top >= {
        "call", "list", "push", "report", "audience", "link", "sso-url", "webhook", "sandbox",
        "operations",
    }  # fmt: skip


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help_with_an_example(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: evocalize " in result.output


@pytest.mark.parametrize(
    "args",
    [["nope"], ["push", "nothing", "file"], ["push", "users"], ["report", "show"], ["call"]],
    ids=" ".join,
)
def test_bad_arguments_are_one_line_without_a_traceback(args: list[str]) -> None:
    result = runner.invoke(app, args, prog_name="evocalize")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("evocalize")
    assert "--help" in line
