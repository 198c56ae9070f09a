"""The parts of the spec's JSON Schema that the generated pydantic models do not enforce.

datamodel-code-generator drops `maxProperties`/`minProperties`, conditional `if`/`then`
requirements (a USER grantee needs `userId`), `format: uri` and the ASCII of `format: email`,
and makes optional fields
accept null even where the schema does not. This walk runs after the model accepted a body
and refuses what the spec refuses, so "schema-violating request accepted" never happens. It
reads the spec, so it needs no list of fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from evocalize.spec import resolve

from .errors import ApiError, invalid_field

# An absolute URI (RFC 3986: a scheme, then only characters a URI may hold), what JSON Schema's
# `format: uri` means; the generated models keep URLs as plain strings.
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*"
)


def check_document(schema: Any, value: Any, field: str = "") -> None:
    """Raises a 400 naming the first place where `value` breaks a rule of `schema`."""
    schema = resolve(schema)
    if not isinstance(schema, Mapping):
        return
    if value is None:
        if not _allows_null(schema):
            raise ApiError(
                400, "EV_BAD_REQUEST_MALFORMED", f"{field or 'body'} cannot be null", field or None
            )
        return
    for part in schema.get("allOf", []):
        check_document(part, value, field)
    if "if" in schema:
        branch = "then" if _matches(resolve(schema["if"]), value) else "else"
        if branch in schema:
            check_document(schema[branch], value, field)
    if isinstance(value, str) and schema.get("format") == "uri" and not _URI.fullmatch(value):
        raise invalid_field(field or "body", f"{field or 'body'} must be an absolute URI")
    if isinstance(value, str) and schema.get("format") == "email" and not value.isascii():
        # `format: email` is RFC 5321's ASCII address; pydantic's EmailStr also takes the
        # internationalized ones (`idn-email`), which the spec's answers could then not hold.
        raise invalid_field(field or "body", f"{field or 'body'} must be an ASCII email address")
    if isinstance(value, dict):
        _check_object(schema, value, field)
    elif isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        for index, item in enumerate(value):
            check_document(schema["items"], item, f"{field}[{index}]")


def _check_object(schema: Mapping[str, Any], value: dict[str, Any], field: str) -> None:
    for name in schema.get("required", []):
        if name not in value:
            raise invalid_field(_join(field, name), f"{_join(field, name)} is required")
    if len(value) > schema.get("maxProperties", len(value)):
        raise invalid_field(
            field or "body", f"{field or 'body'} has more than {schema['maxProperties']} fields"
        )
    if len(value) < schema.get("minProperties", 0):
        raise invalid_field(
            field or "body", f"{field or 'body'} needs at least {schema['minProperties']} fields"
        )
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    for name, item in value.items():
        if name in properties:
            check_document(properties[name], item, _join(field, name))
        elif isinstance(extra, Mapping):
            check_document(extra, item, _join(field, name))


def _join(field: str, name: str) -> str:
    return f"{field}.{name}" if field else name


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
