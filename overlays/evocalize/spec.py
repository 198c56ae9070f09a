"""The spec at run time: `openapi.yaml`, and what each operation is, derived from it.

Which operations page, take batches or may be retried is read from the document (a
`pageToken` parameter, a `202` batch answer, `x-idempotent`), never from a list kept by hand,
so a new operation in the spec is handled by the facade, the retry policy, the sandbox and the
command line once the spec is edited (CONTRIBUTING.md, "Derive, don't list").

The wheel carries the spec as `evocalize/openapi.yaml` and the peer profiles' documents under
`evocalize/profiles/`; a source checkout reads the ones at the repository root.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "HTTP_METHODS",
    "IDEMPOTENT_METHODS",
    "OperationSpec",
    "SpecNode",
    "document_operations",
    "load_spec",
    "match_operation",
    "operation_spec",
    "operation_specs",
    "path_matches",
    "profile_document",
    "profile_operations",
    "resolve",
    "spec_text",
]

SpecNode = dict[str, Any]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Methods that repeat safely by definition (RFC 9110, 9.2.2); POST only with `x-idempotent`.
IDEMPOTENT_METHODS = frozenset({"get", "head", "options", "put", "delete"})

_CHECKOUT_SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"


def spec_text() -> str:
    """The text of the spec this package was built from."""
    packaged = resources.files("evocalize").joinpath("openapi.yaml")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return _CHECKOUT_SPEC.read_text(encoding="utf-8")


@cache
def load_spec() -> SpecNode:
    """The parsed spec (cached: treat it as read-only)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: SpecNode = yaml.load(spec_text(), Loader=loader)
    return spec


def resolve(node: Any, spec: Mapping[str, Any] | None = None) -> Any:
    """Follows local `$ref`s (`#/components/...`) until a node without one."""
    document = spec if spec is not None else load_spec()
    while isinstance(node, Mapping) and "$ref" in node:
        ref = str(node["$ref"])
        if not ref.startswith("#/"):
            raise ValueError(f"only local references are used in this spec, not {ref!r}")
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


@dataclass(frozen=True)
class OperationSpec:
    """One operation of the spec and the traits that the overlays and the sandbox act on."""

    operation_id: str
    method: str  # lower case, as in the document
    path: str
    tag: str
    node: SpecNode
    # The path item holding the operation: its `parameters` apply to every method.
    path_item: SpecNode = field(default_factory=dict, compare=False, repr=False)
    # The document its `$ref`s point into; None: Evocalize's spec.
    document: SpecNode | None = field(default=None, compare=False, repr=False)

    @cached_property
    def parameters(self) -> tuple[SpecNode, ...]:
        """Path-level and operation-level parameters; the operation's win on (name, in)."""
        merged: dict[tuple[str, str], SpecNode] = {}
        for raw in [*self.path_item.get("parameters", []), *self.node.get("parameters", [])]:
            parameter = resolve(raw, self.document)
            merged[(parameter["name"], parameter["in"])] = parameter
        return tuple(merged.values())

    @property
    def paginated(self) -> bool:
        """A listing that pages with `pageToken` / `nextPageToken`."""
        return any(p["name"] == "pageToken" and p["in"] == "query" for p in self.parameters)

    def answer_data_schema(self, code: str) -> SpecNode:
        """The schema of `data` in the JSON envelope answered with status `code`, or {}."""
        answer = resolve(self.node.get("responses", {}).get(code, {}), self.document)
        media = answer.get("content", {}).get("application/json", {})
        schema = resolve(media.get("schema", {}), self.document)
        return dict(resolve(schema.get("properties", {}).get("data", {}), self.document))

    @property
    def batch(self) -> bool:
        """Accepts a batch and answers (202, or 200 for grants V2) with a `reportId` to follow."""
        return any(
            "reportId" in self.answer_data_schema(str(code)).get("properties", {})
            for code in self.node.get("responses", {})
            if str(code).startswith("2")
        )

    @property
    def linked_operations(self) -> list[str]:
        """The operationIds that the `links` of its success answers lead to (a batch's report
        and report errors, a created object's reads and edits)."""
        found: list[str] = []
        for code, answer in self.node.get("responses", {}).items():
            if str(code).startswith("2"):
                for link in resolve(answer, self.document).get("links", {}).values():
                    target = resolve(link, self.document).get("operationId")
                    if target and target not in found:
                        found.append(str(target))
        return found

    @property
    def request_body_schema(self) -> SpecNode:
        """The JSON schema of the request body (refs resolved at the top), or {}."""
        body = resolve(self.node.get("requestBody", {}), self.document)
        media = body.get("content", {}).get("application/json", {})
        return dict(resolve(media.get("schema", {}), self.document))

    @property
    def idempotent(self) -> bool:
        """Safe to send again after a failure whose outcome is unknown."""
        return self.method in IDEMPOTENT_METHODS or bool(self.node.get("x-idempotent"))

    @property
    def deprecated(self) -> bool:
        return bool(self.node.get("deprecated"))

    @property
    def summary(self) -> str:
        return str(self.node.get("summary", ""))

    @cached_property
    def literal_segments(self) -> int:
        """How many segments of the path template are fixed text, not `{parameters}`."""
        return sum(1 for part in self.path.split("/") if not part.startswith("{"))

    @cached_property
    def path_pattern(self) -> re.Pattern[str]:
        """Matches a concrete path of this operation; each `{name}` is one segment."""
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.path))
        return re.compile(pattern + r"\Z")


def document_operations(document: SpecNode) -> tuple[OperationSpec, ...]:
    """Every operation under `paths` of `document` (Evocalize's spec or a profile's), in
    document order, each resolving its `$ref`s in that document."""
    return tuple(
        OperationSpec(
            operation_id=item[method]["operationId"],
            method=method,
            path=path,
            tag=item[method].get("tags", ["default"])[0],
            node=item[method],
            path_item=item,
            document=document,
        )
        for path, item in document["paths"].items()
        for method in HTTP_METHODS
        if method in item
    )


@cache
def operation_specs() -> tuple[OperationSpec, ...]:
    """Every operation of Evocalize's spec, in document order."""
    return document_operations(load_spec())


@cache
def profile_document(name: str) -> SpecNode:
    """`profiles/<name>/openapi.yaml`, a peer API's conventions. The wheel carries each as
    `evocalize/profiles/<name>/openapi.yaml`; a source checkout reads the one under the
    repository's `profiles/`. Cached: treat it as read-only."""
    packaged = resources.files("evocalize.profiles").joinpath(name, "openapi.yaml")
    if packaged.is_file():
        text = packaged.read_text(encoding="utf-8")
    else:
        path = _CHECKOUT_SPEC.parent / "profiles" / name / "openapi.yaml"
        if not path.is_file():
            raise FileNotFoundError(
                f"no profile {name!r}: neither the package nor {path} holds its openapi.yaml"
            )
        text = path.read_text(encoding="utf-8")
    document: SpecNode = yaml.safe_load(text)
    return document


@cache
def profile_operations(name: str) -> tuple[OperationSpec, ...]:
    """Every operation of the profile `name`."""
    return document_operations(profile_document(name))


@cache
def operation_spec(operation_id: str) -> OperationSpec:
    """The operation called `operation_id`; a KeyError names the ones that exist."""
    for op in operation_specs():
        if op.operation_id == operation_id:
            return op
    known = ", ".join(sorted(op.operation_id for op in operation_specs()))
    raise KeyError(f"no operation {operation_id!r} in the spec; known: {known}")


def path_matches(
    path: str, operations: Sequence[OperationSpec] | None = None
) -> list[tuple[OperationSpec, dict[str, str]]]:
    """Every operation (of `operations`, else of the spec) whose template matches this path (no
    query), with its path values; when templates overlap, the one with more fixed segments comes
    first, as a reader of the spec expects (`/audience/provided` before
    `/audience/{placeholderId}`)."""
    found = [
        (op, match.groupdict())
        for op in (operation_specs() if operations is None else operations)
        if (match := op.path_pattern.match(path)) is not None
    ]
    return sorted(found, key=lambda pair: -pair[0].literal_segments)


def match_operation(
    method: str, path: str, operations: Sequence[OperationSpec] | None = None
) -> OperationSpec | None:
    """The operation (of `operations`, else of the spec) that a request with this method and path
    (no query) calls, if any."""
    wanted = method.lower()
    return next((op for op, _ in path_matches(path, operations) if op.method == wanted), None)
