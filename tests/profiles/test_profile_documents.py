"""Every peer API profile (`profiles/*/openapi.yaml`) is valid OpenAPI 3.1, identifies and
describes each operation, and embeds only examples that its own schemas accept."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_doc import HTTP_METHODS, embedded_examples
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted(ROOT.glob("profiles/*/openapi.yaml"))
URI = "urn:evocalize:profile"


def document(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(params=PROFILES, ids=[path.parent.name for path in PROFILES])
def profile(request: pytest.FixtureRequest) -> dict[str, Any]:
    path: Path = request.param
    return document(path)


def test_there_are_profiles_to_check() -> None:
    assert {"appnexus", "adnuntius"} <= {path.parent.name for path in PROFILES}


def test_the_profile_is_valid_openapi_3_1(profile: dict[str, Any]) -> None:
    assert profile["openapi"] == "3.1.0"
    validate(profile)


def test_every_operation_is_identified_described_and_answers_a_success(
    profile: dict[str, Any],
) -> None:
    seen: set[str] = set()
    for path, item in profile["paths"].items():
        for method in HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            where = f"{method.upper()} {path}"
            assert operation["operationId"] not in seen, where
            seen.add(operation["operationId"])
            assert operation["summary"] and operation["description"] and operation["tags"], where
            assert any(str(code).startswith("2") for code in operation["responses"]), where


def test_every_embedded_example_fits_its_schema(profile: dict[str, Any]) -> None:
    registry: Registry[Any] = Registry().with_resource(
        URI, Resource.from_contents(profile, default_specification=DRAFT202012)
    )
    examples = list(embedded_examples(profile))
    assert examples
    for example in examples:
        schema = {"$ref": URI + quote(example.schema_location, safe="#/~")}
        validator = Draft202012Validator(
            schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        problems = [error.message for error in validator.iter_errors(example.value)]
        assert problems == [], example.where
