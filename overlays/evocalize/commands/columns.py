"""The CSV columns of a kind of `push`, read from the spec's entry schema, for `push KIND --help`.

Nothing here names a field: a column is a field of the entry (a dotted one for a field of a
nested object), described by its schema, and the example row is made from the same schemas.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from evocalize.spec import resolve

# A field of an open map (an item's `values`) stands for any name; the example picks this one.
ANY_FIELD = "FIELD"
EXAMPLE_FIELD = "price"


@dataclass(frozen=True)
class Column:
    header: str
    schema: Mapping[str, Any]
    required: bool


def _kinds(schema: Mapping[str, Any]) -> list[str]:
    kinds = schema.get("type", [])
    return [kind for kind in (kinds if isinstance(kinds, list) else [kinds]) if kind != "null"]


def columns(schema: Mapping[str, Any], prefix: str = "", required: bool = True) -> Iterator[Column]:
    """Each column of an entry: a scalar field, an array or object cell, or a dotted field."""
    node = resolve(schema)
    needed = set(node.get("required", []))
    for name, field in node.get("properties", {}).items():
        field = resolve(field)
        header = f"{prefix}{name}"
        if "properties" in field or isinstance(field.get("additionalProperties"), Mapping):
            yield from columns(field, f"{header}.", required and name in needed)
        else:
            yield Column(header, field, required and name in needed)
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping):
        yield Column(f"{prefix}{ANY_FIELD}", resolve(extra), False)


def describe(schema: Mapping[str, Any]) -> str:
    """How a cell of this schema is written."""
    kinds = _kinds(schema)
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    if kinds == ["array"]:
        items = resolve(schema.get("items", {}))
        if "properties" in items:
            fields = ", ".join(items["properties"])
            return f"a JSON array of objects ({fields})"
        if "enum" in items:
            return "a JSON array, each one of " + ", ".join(str(v) for v in items["enum"])
        return f"a JSON array, each {describe(items)}"
    if kinds == ["object"]:
        return "a JSON object"
    if kinds == ["string"]:
        return {"email": "an email address", "uri": "a URL"}.get(schema.get("format", ""), "text")
    if kinds == ["boolean"]:
        return "true or false"
    if kinds in (["integer"], ["number"]):
        return "a number"
    return "text, or a number or true/false when it reads as one"


def sample(schema: Mapping[str, Any], name: str) -> Any:
    """A value of the schema, for the example row."""
    node = resolve(schema)
    if "example" in node:
        return node["example"]
    if "enum" in node:
        return node["enum"][0]
    kinds = _kinds(node)
    if kinds == ["array"]:
        return [sample(node.get("items", {}), name)]
    if "properties" in node:
        needed = node.get("required") or list(node["properties"])
        return {key: sample(node["properties"][key], key) for key in needed}
    if kinds == ["boolean"]:
        return False
    if kinds in (["integer"], ["number"]) or "number" in kinds:
        return 350000
    return {"email": "jane@example.com", "uri": "https://example.com/a.jpg"}.get(
        node.get("format", ""), f"{name}-1"
    )


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)


def example_csv(schema: Mapping[str, Any]) -> str:
    """A header and one row: every field of the entry, the required ones of a nested object (an
    open map's field named EXAMPLE_FIELD)."""
    headers, cells = [], []
    for column in columns(schema):
        *parents, name = column.header.split(".")
        if parents and not column.required and name != ANY_FIELD:
            continue
        header = column.header
        if name == ANY_FIELD:
            header = header[: -len(ANY_FIELD)] + EXAMPLE_FIELD
            name = EXAMPLE_FIELD
        headers.append(header)
        cells.append(_cell(sample(column.schema, name)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerow(cells)
    return out.getvalue()


def columns_help(kind: str, schema: Mapping[str, Any]) -> str:
    """What `push KIND --help` adds: the columns, how cells are written, and an example."""
    lines = [f"CSV columns of {kind} (from the spec; * required):"]
    for column in columns(schema):
        mark = "*" if column.required else " "
        header = column.header
        if header.endswith(ANY_FIELD):
            header = f"{header} (any field name)"
        lines.append(f"  {mark} {header:<28} {describe(column.schema)}")
    lines += [
        "",
        "A dotted header is a field of a nested object (values.price). A cell of an array or",
        "an object is JSON, quoted as CSV quotes it. An empty cell leaves the field out.",
        "",
        "Example:",
        *(f"  {line}" for line in example_csv(schema).splitlines()),
    ]
    return "\n".join(lines) + "\n"
