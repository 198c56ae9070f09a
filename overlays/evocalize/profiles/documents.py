"""The OpenAPI document of a peer API profile (`profiles/<name>/openapi.yaml` of a checkout), read
where the wiring derives behaviour from it (which requests are safe to retry), as the Evocalize
overlay derives it from `openapi.yaml`."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

PROFILES = Path(__file__).resolve().parents[3] / "profiles"


@cache
def profile_document(name: str) -> dict[str, Any]:
    """The parsed profile (cached: treat it as read-only)."""
    path = PROFILES / name / "openapi.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no profile {name!r}: {path} does not exist")
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document
