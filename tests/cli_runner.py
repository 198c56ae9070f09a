"""Runs `evocalize` as typer's runner does, with stdout and stderr apart."""

from __future__ import annotations

import json
from typing import Any

from evocalize.cli import app
from typer.testing import CliRunner, Result

runner = CliRunner()


def evocalize(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    return runner.invoke(app, list(args), env=env, input=input, prog_name="evocalize")


def json_out(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def json_lines(result: Result) -> list[Any]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]
