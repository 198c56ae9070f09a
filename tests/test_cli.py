"""The `evocalize` command: its version, and the operations of the installed client."""

from __future__ import annotations

import evocalize
from evocalize.cli import app
from openapi_doc import operations
from openapi_python_client.strings import snake_case
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
        assert line.endswith(op.node["summary"])


def test_without_arguments_it_shows_help_naming_its_commands() -> None:
    result = runner.invoke(app, [])
    assert "operations" in result.output
    assert "--version" in result.output
