"""Spectral lints the spec with its OpenAPI rules and the OWASP API Security ruleset, through the
committed `.spectral.yaml`: bounded strings, arrays and integers, error responses, no
credentials in URLs. Both come from the npm registry, pinned by package-lock.json."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"


@pytest.fixture(scope="session")
def spectral() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed: Spectral, a Node tool, cannot run here")
    if not SPECTRAL.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=ROOT,
            check=True,
            timeout=600,
        )
    return SPECTRAL


# The spec, and every peer API profile, held to the same ruleset.
DOCUMENTS = [
    "openapi.yaml",
    *(p.relative_to(ROOT).as_posix() for p in sorted(ROOT.glob("profiles/*/openapi.yaml"))),
]


def lint(spectral: Path, document: str = "openapi.yaml") -> list[dict]:  # type: ignore[type-arg]
    result = subprocess.run(
        [
            str(spectral),
            "lint",
            document,
            "--ruleset",
            ".spectral.yaml",
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


@pytest.mark.parametrize("document", DOCUMENTS)
def test_spectral_with_the_owasp_ruleset_finds_no_problem(spectral: Path, document: str) -> None:
    findings = lint(spectral, document)
    readable = [f"{'/'.join(map(str, f['path']))}: {f['code']}: {f['message']}" for f in findings]
    assert readable == []


def test_every_rule_switched_off_says_why() -> None:
    text = (ROOT / ".spectral.yaml").read_text(encoding="utf-8")
    ruleset = yaml.safe_load(text)
    assert ruleset["extends"] == ["spectral:oas", "@stoplight/spectral-owasp-ruleset"]
    lines = [line.strip() for line in text.splitlines()]
    for number, line in enumerate(lines):
        if line.endswith(": off"):
            above = number - 1
            while lines[above].endswith(": off"):  # a group of rules shares its reason
                above -= 1
            assert lines[above].startswith("# "), f"no reason given above {line!r}"
