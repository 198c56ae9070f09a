"""Batch entries read from a file: JSON lines, or CSV typed by the spec.

JSON lines are the exact form: one entry per line, as the API takes it. CSV suits flat entries
(users, groups, items): each header names a field of the entry, a dotted header a nested one
(`values.price` for an item's field), and an empty cell leaves the field out. A cell takes the
type the spec gives its field: text for strings, JSON for numbers, booleans, arrays and objects.
Where the spec allows several (an item's field value may be a string, number or boolean), a
cell that reads as a JSON number or boolean is one; anything else is text. Both are read lazily,
so a file of millions of entries streams through.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from evocalize.spec import OperationSpec, resolve

FORMATS = ("jsonl", "csv")


class EntryError(ValueError):
    """An entry that cannot be read, with its line."""


def entry_schema(spec: OperationSpec) -> Mapping[str, Any]:
    """The schema of one entry of a batch operation (the items of its array body, or of the one
    array inside its object body)."""
    body = spec.request_body_schema
    if body.get("type") == "array":
        return dict(resolve(body.get("items", {})))
    arrays = [resolve(node) for node in body.get("properties", {}).values()]
    (array,) = [node for node in arrays if node.get("type") == "array"]
    return dict(resolve(array.get("items", {})))


def guess_format(name: str) -> str:
    return "csv" if name.lower().endswith(".csv") else "jsonl"


def read_entries(
    lines: Iterable[str], file_format: str, schema: Mapping[str, Any]
) -> Iterator[Any]:
    """The entries of the file; an EntryError at the first line that cannot be read."""
    for entry in _read(lines, file_format, schema):
        if isinstance(entry, EntryError):
            raise entry
        yield entry


def entry_errors(
    lines: Iterable[str], file_format: str, schema: Mapping[str, Any]
) -> Iterator[EntryError]:
    """Every line of the file that cannot be read, one error each, in order: what `push` checks
    before it sends anything."""
    for entry in _read(lines, file_format, schema):
        if isinstance(entry, EntryError):
            yield entry


def _read(lines: Iterable[str], file_format: str, schema: Mapping[str, Any]) -> Iterator[Any]:
    """Each entry, or in its place the EntryError saying why its line cannot be read."""
    if file_format == "csv":
        return _csv_entries(lines, schema)
    return _json_lines(lines)


def _json_lines(lines: Iterable[str]) -> Iterator[Any]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as error:
            yield EntryError(f"line {number} is not JSON ({error.msg})")


def _field_schema(schema: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    node = resolve(schema)
    found = node.get("properties", {}).get(name)
    if found is None and isinstance(node.get("additionalProperties"), Mapping):
        found = node["additionalProperties"]
    return dict(resolve(found or {}))


def _cell(text: str, schema: Mapping[str, Any]) -> Any:
    kinds = schema.get("type", [])
    kinds = set(kinds if isinstance(kinds, list) else [kinds]) - {"null"}
    if kinds == {"string"}:
        return text
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = text
    if "string" in kinds or not kinds:
        # Text unless it reads as a number or a boolean (an id such as 007 stays text).
        plain = isinstance(value, bool) or (
            isinstance(value, int | float) and json.dumps(value) == text
        )
        return value if plain else text
    if value is text:
        raise ValueError(f"expected {' or '.join(sorted(kinds))} (as JSON), not {text!r}")
    return value


def _csv_entries(
    lines: Iterable[str], schema: Mapping[str, Any]
) -> Iterator[dict[str, Any] | EntryError]:
    reader = csv.DictReader(lines, strict=True)
    try:
        reader.fieldnames  # noqa: B018 (reads the header, so line numbers count it)
    except csv.Error as error:
        yield EntryError(f"line 1 (the header) is not readable CSV ({error})")
        return
    while True:
        # Where the row starts (the lines read so far are counted by the underlying reader).
        start = reader.reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # The reader starts afresh at the next line: the lines after it are checked too.
            yield EntryError(f"line {start} is not readable CSV ({error})")
            continue
        try:
            yield _csv_entry(row, schema, reader.line_num)
        except EntryError as error:
            yield error


def _csv_entry(
    row: Mapping[str | None, Any], schema: Mapping[str, Any], line: int
) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    for header, text in row.items():
        if header is None or text is None:
            raise EntryError(f"line {line} has more cells than the header")
        if text == "":
            continue
        *parents, name = header.strip().split(".")
        node, target = schema, entry
        for parent in parents:
            node = _field_schema(node, parent)
            target = target.setdefault(parent, {})
        try:
            target[name] = _cell(text, _field_schema(node, name))
        except ValueError as error:
            raise EntryError(f"line {line}, {header}: {error}") from None
    return entry
