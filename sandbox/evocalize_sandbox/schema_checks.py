"""The parts of the spec's JSON Schema that the generated pydantic models do not enforce.

datamodel-code-generator drops `maxProperties`/`minProperties`, conditional `if`/`then`
requirements (a USER grantee needs `userId`), `format: uri` and the ASCII of `format: email`,
and makes optional fields
accept null even where the schema does not. This walk runs after the model accepted a body
and refuses what the spec refuses, so "schema-violating request accepted" never happens. It
reads the spec, so it needs no list of fields.

Each schema is compiled once into a check (a closure per node, none where the node has nothing
to check): walking the spec's dictionaries anew for every value of every entry of a 1000-entry
batch cost more than pydantic's whole validation of it. A value's place is kept as a chain of
`(parent, key)` pairs and spelt out only for the error, not for every value that passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from evocalize.spec import resolve

from .errors import ApiError, invalid_field

# An absolute URI (RFC 3986: a scheme, then only characters a URI may hold), what JSON Schema's
# `format: uri` means; the generated models keep URLs as plain strings.
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*"
)

# Where a value is: None for the body itself, else (where its parent is, its name or index).
Place = tuple[Any, str | int] | None
Check = Callable[[Any, Place], None]


def check_document(schema: Any, value: Any, field: str = "") -> None:
    """Raises a 400 naming the first place where `value` breaks a rule of `schema`
    (`field` prefixes the names, as a parameter's name does for its JSON content)."""
    check = compiled(schema)
    if check is not None:
        check(value, (None, field) if field else None)


def field_name(place: Place) -> str:
    """`items[3].values.id`, from the chain of keys that leads there."""
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key)
    name = ""
    for key in reversed(keys):
        if isinstance(key, int):
            name += f"[{key}]"
        else:
            name = f"{name}.{key}" if name else key
    return name


# Compiled checks by the identity of their (resolved) schema node, which each entry keeps alive
# so that no other node ever takes its identity: the spec is loaded once and never changes.
_COMPILED: dict[int, tuple[Mapping[str, Any], Check | None]] = {}


def compiled(schema: Any) -> Check | None:
    """The check of `schema`, or None when it has nothing to check."""
    schema = resolve(schema)
    if not isinstance(schema, Mapping):
        return None
    key = id(schema)
    if key not in _COMPILED:
        # A schema that refers to itself (directly or not) finds this while being compiled,
        # and so checks its nested values through the table, once compilation is done.
        _COMPILED[key] = (schema, lambda value, place: _run(_COMPILED[key][1], value, place))
        _COMPILED[key] = (schema, _compile(schema))
    return _COMPILED[key][1]


def _run(check: Check | None, value: Any, place: Place) -> None:
    if check is not None:
        check(value, place)


def _compile(schema: Mapping[str, Any]) -> Check | None:
    nullable = _allows_null(schema)
    parts = [check for check in map(compiled, schema.get("allOf", [])) if check is not None]
    conditional = _compile_conditional(schema)
    text_format = schema.get("format")
    if text_format not in ("uri", "email"):
        text_format = None
    object_check = _compile_object(schema)
    items = schema.get("items")
    item_check = compiled(items) if isinstance(items, Mapping) else None
    if nullable and not (parts or conditional or text_format or object_check or item_check):
        return None

    def check(value: Any, place: Place) -> None:
        if value is None:
            if not nullable:
                name = field_name(place)
                raise ApiError(
                    400,
                    "EV_BAD_REQUEST_MALFORMED",
                    f"{name or 'body'} cannot be null",
                    name or None,
                )
            return
        for part in parts:
            part(value, place)
        if conditional is not None:
            conditional(value, place)
        if text_format is not None and isinstance(value, str):
            _check_format(text_format, value, place)
        if object_check is not None and isinstance(value, dict):
            object_check(value, place)
        elif item_check is not None and isinstance(value, list):
            for index, item in enumerate(value):
                item_check(item, (place, index))

    return check


def _compile_conditional(schema: Mapping[str, Any]) -> Check | None:
    if "if" not in schema:
        return None
    condition = resolve(schema["if"])
    then = compiled(schema["then"]) if "then" in schema else None
    otherwise = compiled(schema["else"]) if "else" in schema else None
    if then is None and otherwise is None:
        return None

    def check(value: Any, place: Place) -> None:
        branch = then if _matches(condition, value) else otherwise
        if branch is not None:
            branch(value, place)

    return check


def _check_format(text_format: str, value: str, place: Place) -> None:
    if text_format == "uri" and not _URI.fullmatch(value):
        name = field_name(place) or "body"
        raise invalid_field(name, f"{name} must be an absolute URI")
    if text_format == "email" and not value.isascii():
        # `format: email` is RFC 5321's ASCII address; pydantic's EmailStr also takes the
        # internationalized ones (`idn-email`), which the spec's answers could then not hold.
        name = field_name(place) or "body"
        raise invalid_field(name, f"{name} must be an ASCII email address")


def _compile_object(schema: Mapping[str, Any]) -> Callable[[dict[str, Any], Place], None] | None:
    required = list(schema.get("required", []))
    most = schema.get("maxProperties")
    least = schema.get("minProperties", 0)
    properties = {
        name: check
        for name, check in (
            (name, compiled(property_schema))
            for name, property_schema in schema.get("properties", {}).items()
        )
        if check is not None
    }
    declared = frozenset(schema.get("properties", {}))
    extra_schema = schema.get("additionalProperties")
    extra = compiled(extra_schema) if isinstance(extra_schema, Mapping) else None
    if not (required or most is not None or least or properties or extra):
        return None

    def check(value: dict[str, Any], place: Place) -> None:
        for name in required:
            if name not in value:
                full = field_name((place, name))
                raise invalid_field(full, f"{full} is required")
        if most is not None and len(value) > most:
            name = field_name(place) or "body"
            raise invalid_field(name, f"{name} has more than {most} fields")
        if len(value) < least:
            name = field_name(place) or "body"
            raise invalid_field(name, f"{name} needs at least {least} fields")
        for name, item in value.items():
            property_check = properties.get(name)
            if property_check is not None:
                property_check(item, (place, name))
            elif extra is not None and name not in declared:
                extra(item, (place, name))

    return check


def _allows_null(schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    if kind is not None:
        return kind == "null" or (isinstance(kind, list) and "null" in kind)
    if "enum" in schema:
        return None in schema["enum"]
    if "const" in schema:
        return schema["const"] is None
    options = [*schema.get("anyOf", []), *schema.get("oneOf", [])]
    if options:
        return any(_allows_null(resolve(option)) for option in options)
    if schema.get("allOf"):
        return all(_allows_null(resolve(part)) for part in schema["allOf"])
    return "properties" not in schema and "items" not in schema


def _matches(condition: Mapping[str, Any], value: Any) -> bool:
    """Whether `value` satisfies an `if` schema (the `const`/`enum`/`required` forms)."""
    if not isinstance(value, dict):
        return True
    if any(name not in value for name in condition.get("required", [])):
        return False
    for name, rule in condition.get("properties", {}).items():
        if name not in value:
            continue
        rule = resolve(rule)
        if "const" in rule and value[name] != rule["const"]:
            return False
        if "enum" in rule and value[name] not in rule["enum"]:
            return False
    return True
