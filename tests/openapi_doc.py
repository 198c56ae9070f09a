"""Read-only helpers over `openapi.yaml` for the tests: its operations, its embedded examples,
and a JSON Schema validator that resolves the spec's own `$ref`s.

Every test that reasons about the spec goes through here, so that "every operation" and
"every example" mean the same thing everywhere and are counted from the spec itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import yaml

if TYPE_CHECKING:
    # Imported where used: the client's tests, which also run on the lean install (no
    # jsonschema), read the spec through this module without validating against it.
    from jsonschema import Draft202012Validator
    from referencing import Registry

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi.yaml"
SPEC_URI = "urn:evocalize:openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Node = dict[str, Any]


@cache
def load_spec() -> Node:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        spec: Node = yaml.safe_load(handle)
    return spec


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    node: Node
    path_item: Node

    @property
    def id(self) -> str:
        return str(self.node["operationId"])

    @property
    def key(self) -> str:
        """`METHOD /path` without the `/management/v1` prefix, as the API reference's tables name
        operations."""
        return f"{self.method.upper()} {self.path.removeprefix('/management/v1')}"

    def parameters(self) -> list[Node]:
        """Path-level and operation-level parameters, resolved."""
        merged = {}
        for raw in [*self.path_item.get("parameters", []), *self.node.get("parameters", [])]:
            param = resolve(raw)
            merged[(param["name"], param["in"])] = param
        return list(merged.values())

    def responses(self) -> dict[str, Node]:
        return {str(code): resolve(r) for code, r in self.node.get("responses", {}).items()}


def operations(spec: Node | None = None) -> list[Operation]:
    """Every operation under `paths` (not the webhooks, which Evocalize calls, not partners)."""
    spec = spec or load_spec()
    return [
        Operation(method, path, item[method], item)
        for path, item in spec["paths"].items()
        for method in HTTP_METHODS
        if method in item
    ]


def resolve(node: Any, spec: Node | None = None) -> Any:
    """Follows local `$ref`s (`#/components/...`) until a node without one."""
    spec = spec or load_spec()
    while isinstance(node, dict) and "$ref" in node:
        node = pointer(node["$ref"], spec)
    return node


def pointer(ref: str, spec: Node | None = None) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are used in this spec, not {ref!r}")
    node: Any = spec or load_spec()
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


@cache
def _registry() -> Registry[Any]:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resource: Resource[Any] = Resource.from_contents(load_spec(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


def validator_at(location: str) -> Draft202012Validator:
    """A validator for the schema at a JSON pointer of the spec (`#/components/schemas/User`);
    the `#/components/...` refs inside it resolve against the spec."""
    from jsonschema import Draft202012Validator

    schema = {"$ref": SPEC_URI + quote(location, safe="#/~")}
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_validator(name: str) -> Draft202012Validator:
    return validator_at(f"#/components/schemas/{name}")


def escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class EmbeddedExample:
    where: str
    schema_location: str
    value: Any


def nodes(spec: Node | None = None) -> Iterator[tuple[str, Any]]:
    """Every node of the document with its JSON pointer, except the contents of examples
    (which are data: a property called `type` there is not a schema keyword)."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, Any]]:
        yield where, node
        if isinstance(node, dict):
            for key, child in node.items():
                if key not in ("examples", "example"):
                    yield from walk(child, f"{where}/{escape(str(key))}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                yield from walk(child, f"{where}/{index}")

    yield from walk(spec or load_spec(), "#")


def embedded_examples(spec: Node | None = None) -> Iterator[EmbeddedExample]:
    """Every `example`/`examples` that sits beside a `schema` (media types and parameters),
    anywhere in the document, paired with the location of that schema."""
    spec = spec or load_spec()
    for where, node in nodes(spec):
        if not isinstance(node, dict) or "schema" not in node:
            continue
        schema_location = f"{where}/schema"
        if "example" in node:
            yield EmbeddedExample(f"{where}/example", schema_location, node["example"])
        for name, example in node.get("examples", {}).items():
            value = resolve(example, spec)["value"]
            yield EmbeddedExample(f"{where}/examples/{name}", schema_location, value)
