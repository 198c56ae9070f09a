"""Data the API cannot create, loaded from a seed file: repositories (and whatever sections the
resource modules register with `@seeds`).

A seed file is JSON or YAML: a mapping of section name to its value, for example

    repositories:
      - id: listings
        name: Listings
        description: Homes for sale
        isWritable: true
        fields:
          - {name: address, type: string, isNullable: false}
          - {name: price, type: number, isNullable: true}

Unknown sections are an error, so a typo does not silently load nothing. Every organization
(`organizations.py`) gets its own copy of the seed's data: each organization that has a client
key is seeded at start-up, with `--seed`'s file when one is given, else, if it was never
seeded, with the built-in `default_seed.yaml`. `fuzz_seed()` adds to it the objects that
openapi.yaml's examples name, for contract fuzzing.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Connection, Engine

from . import organizations
from .documents import read_document
from .registry import SEEDERS
from .storage import settings_table

SeedSource = str | Path | Mapping[str, Any]


class SeedError(ValueError):
    """A seed file that cannot be read or does not have the documented shape."""


def read_seed(source: SeedSource) -> Mapping[str, Any]:
    if isinstance(source, Mapping):
        return source
    path = Path(source)
    document = read_document(path, "the seed file", SeedError)
    if not isinstance(document, Mapping):
        raise SeedError(f"the seed file {path} must hold a mapping of sections")
    return document


def _packaged_seed(name: str) -> Mapping[str, Any]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    document: Mapping[str, Any] = yaml.safe_load(text)
    return document


def default_seed() -> Mapping[str, Any]:
    return _packaged_seed("default_seed.yaml")


def fuzz_seed() -> Mapping[str, Any]:
    """The seed of a sandbox under contract fuzzing: the default seed, plus the users and groups
    of the spec's examples (`fuzz_seed.yaml`), so that example-built requests name objects that
    exist. Pass it as `create_app(seed=fuzz_seed())`."""
    return {**default_seed(), **_packaged_seed("fuzz_seed.yaml")}


def apply_seed(engine: Engine, source: SeedSource | None) -> None:
    """Loads `source` into every organization that has a client key, or the default seed into
    those that were never seeded. Without any client key yet, `source` is loaded and rolled
    back, so that a bad seed is a `SeedError` now rather than at the first key's start."""
    from .auth import organizations_of_clients

    document = None if source is None else _checked(read_seed(source))
    with engine.begin() as conn:
        targets = organizations_of_clients(conn)
        if document is not None and not targets:
            trial = conn.begin_nested()
            _load(conn, "", document)
            trial.rollback()
        for organization in targets:
            marker = organizations.seeded_marker(organization)
            seeded = conn.execute(
                sa.select(settings_table.c.value).where(settings_table.c.name == marker)
            ).scalar_one_or_none()
            if document is None and seeded is not None:
                continue
            _load(conn, organization, document or _checked(default_seed()))
            if seeded is None:
                conn.execute(sa.insert(settings_table).values(name=marker, value="yes"))


def _load(conn: Connection, organization: str, document: Mapping[str, Any]) -> None:
    with organizations.scope(conn, organization):
        for section, value in document.items():
            SEEDERS[section](conn, value)


def _checked(document: Mapping[str, Any]) -> Mapping[str, Any]:
    unknown = sorted(set(document) - set(SEEDERS))
    if unknown:
        known = ", ".join(sorted(SEEDERS))
        raise SeedError(f"unknown seed section(s) {', '.join(unknown)}; known: {known}")
    return document
