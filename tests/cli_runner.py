"""Runs `evocalize` as typer's runner does, with stdout and stderr apart."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from evocalize.cli import app
from typer.testing import CliRunner, Result

runner = CliRunner()


def evocalize(
    *args: str, env: Mapping[str, str | None] | None = None, input: str | None = None
) -> Result:
    """`env` is laid over the real environment; a None value unsets a variable."""
    return runner.invoke(app, list(args), env=env, input=input, prog_name="evocalize")


def json_out(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def json_lines(result: Result) -> list[Any]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]
