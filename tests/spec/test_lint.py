"""Spectral lints the spec with its OpenAPI rules and the OWASP API Security ruleset, through the
committed `.spectral.yaml`: bounded strings, arrays and integers, error responses, no
credentials in URLs. Both come from the npm registry, pinned by package-lock.json.

Every profile (`profiles/<name>/openapi.yaml`) is linted the same way, through its own
`.spectral.yaml` when it has one: that ruleset extends the project's and switches off, with its
reason, what the peer API's seed documents as its convention (a token in the URL, HTTP Basic)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from node_tools import NodeToolsMissing, node_tool

ROOT = Path(__file__).resolve().parents[2]
RULESET = ROOT / ".spectral.yaml"
SPECS = [ROOT / "openapi.yaml", *sorted(ROOT.glob("profiles/*/openapi.yaml"))]
RULESETS = [RULESET, *sorted(ROOT.glob("profiles/*/.spectral.yaml"))]


def ruleset_for(spec: Path) -> Path:
    own = spec.parent / ".spectral.yaml"
    return own if own.exists() else RULESET


@pytest.fixture(scope="session")
def spectral() -> Path:
    try:
        return node_tool("spectral")
    except NodeToolsMissing as missing:
        pytest.skip(str(missing))


def lint(spectral: Path, spec: Path) -> list[dict]:  # type: ignore[type-arg]
    result = subprocess.run(
        [
            str(spectral),
            "lint",
            str(spec.relative_to(ROOT)),
            "--ruleset",
            str(ruleset_for(spec).relative_to(ROOT)),
            "--format",
            "json",
            "--fail-severity",
            "error",
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.stdout.strip(), f"Spectral printed nothing: {result.stderr}"
    findings: list[dict] = json.loads(result.stdout)  # type: ignore[type-arg]
    return findings


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: str(spec.relative_to(ROOT)))
def test_spectral_with_the_owasp_ruleset_finds_no_problem(spectral: Path, spec: Path) -> None:
    findings = lint(spectral, spec)
    readable = [f"{'/'.join(map(str, f['path']))}: {f['code']}: {f['message']}" for f in findings]
    assert readable == []


@pytest.mark.parametrize("path", RULESETS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_rule_switched_off_says_why(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ruleset = yaml.safe_load(text)
    # A profile's ruleset builds on the project's rather than on its own choice of rules.
    expected = ["spectral:oas", "@stoplight/spectral-owasp-ruleset"]
    if path != RULESET:
        expected = [os.path.relpath(RULESET, path.parent)]
    assert ruleset["extends"] == expected
    lines = [line.strip() for line in text.splitlines()]
    for number, line in enumerate(lines):
        if line.endswith(": off"):
            above = number - 1
            while lines[above].endswith(": off"):  # a group of rules shares its reason
                above -= 1
            assert lines[above].startswith("# "), f"no reason given above {line!r}"
