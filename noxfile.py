"""The development commands, behind one task runner: `nox -s <session> [-- <arguments>]`.

Every session runs in the current environment (the one `pip install -e ".[dev]"` set up, nox
included) instead of building a virtual environment of its own, so each works offline and
starts at once. `nox` alone runs lint, types and tests; `nox --list` shows them all.

    nox -s lint                    ruff check and ruff format --check
    nox -s types                   mypy (strict; its files are in pyproject.toml)
    nox -s regenerate              generated/ from openapi.yaml and profiles/*/openapi.yaml
    nox -s regenerate -- --check   fail, naming each file, when generated/ is not current
    nox -s tests -- -x -q -k sso   pytest, with any arguments after `--`
    nox -s benchmarks -- --quick   python benchmarks/run.py, with any arguments after `--`
"""

from __future__ import annotations

import sys

import nox

nox.options.default_venv_backend = "none"
nox.options.sessions = ["lint", "types", "tests"]

# The interpreter that runs nox: the project's environment, wherever it lives.
PYTHON = sys.executable


@nox.session(python=False)
def lint(session: nox.Session) -> None:
    """Ruff's lint rules and its formatting, both as CI checks them (nothing is rewritten)."""
    session.run(PYTHON, "-m", "ruff", "check", ".", *session.posargs)
    session.run(PYTHON, "-m", "ruff", "format", "--check", ".")


@nox.session(python=False)
def types(session: nox.Session) -> None:
    """mypy --strict over the files `[tool.mypy]` lists."""
    session.run(PYTHON, "-m", "mypy", *session.posargs)


@nox.session(python=False)
def regenerate(session: nox.Session) -> None:
    """scripts/regenerate; `-- --check` only checks that generated/ is current."""
    session.run(PYTHON, "scripts/regenerate", *session.posargs)


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """pytest; arguments after `--` go to pytest (`-- tests/sandbox -x -q`)."""
    session.run(PYTHON, "-m", "pytest", *session.posargs)


@nox.session(python=False)
def benchmarks(session: nox.Session) -> None:
    """benchmarks/run.py; arguments after `--` go to it (`-- --quick`, `-- --only NAME`)."""
    session.run(PYTHON, "benchmarks/run.py", *session.posargs)
