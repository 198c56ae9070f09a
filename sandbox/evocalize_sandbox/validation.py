"""Request checks driven by the spec: parameters against their schemas, bodies through the
generated pydantic model of the operation's request body.

Failures map to the codes of `ErrorCode` in openapi.yaml: a type mismatch or unreadable JSON is
`EV_BAD_REQUEST_MALFORMED`, a missing or out-of-range field `EV_BAD_REQUEST_INVALID_FIELDS`
(naming it), an array over the 1000-entry batch limit `EV_BAD_REQUEST_TOO_MANY_ITEMS`.
"""

from __future__ import annotations

import codecs
import json
import re
import types
import typing
from functools import cache
from typing import Any, TypeVar

import email_validator
import evocalize_models
from evocalize.spec import OperationSpec, load_spec, operation_spec, resolve
from pydantic import BaseModel, RootModel, ValidationError

from .errors import ApiError, invalid_field, malformed, too_many_items
from .schema_checks import check_document

BATCH_LIMIT = 1000

# JSON Schema's `format: email` accepts any syntactically valid address; email-validator (behind
# pydantic's EmailStr) also refuses special-use domains such as `example.local`, which would
# make the sandbox stricter than the spec. Its documentation invites emptying this list.
email_validator.SPECIAL_USE_DOMAIN_NAMES.clear()

M = TypeVar("M", bound=BaseModel)


def validate_parameters(
    operation: OperationSpec, path_values: dict[str, str], query: list[tuple[str, str]]
) -> tuple[dict[str, str], dict[str, Any]]:
    """The path parameters and the declared query parameters, checked and converted."""
    path_params: dict[str, str] = {}
    query_params: dict[str, Any] = {}
    given = dict(query)
    for param in operation.parameters:
        name, where = param["name"], param["in"]
        if where == "path":
            raw = path_values.get(name)
            if raw is None:
                raise invalid_field(name, f"the path parameter {name} is required")
            path_params[name] = _check_value(name, raw, param)
        elif where == "query":
            if name not in given:
                if param.get("required"):
                    raise invalid_field(name, f"the query parameter {name} is required")
                continue
            query_params[name] = _check_value(name, given[name], param)
    return path_params, query_params


def _check_value(name: str, raw: str, param: dict[str, Any]) -> Any:
    if "content" in param:
        for media in param["content"].values():
            model = model_for_schema(media.get("schema", {}))
            if model is not None:
                return parse_json_into(model, raw.encode("utf-8"), field_prefix=name)
        return raw
    return check_scalar(name, raw, resolve(param.get("schema", {})))


def check_scalar(name: str, raw: str, schema: dict[str, Any]) -> Any:
    """A path or query value against a scalar schema (type, length, enum, pattern)."""
    kind = schema.get("type", "string")
    kinds = kind if isinstance(kind, list) else [kind]
    value: Any = raw
    if "boolean" in kinds:
        if raw not in ("true", "false"):
            raise invalid_field(name, f"{name} must be true or false")
        value = raw == "true"
    elif "integer" in kinds:
        if not re.fullmatch(r"-?\d{1,18}", raw):
            raise invalid_field(name, f"{name} must be an integer")
        value = int(raw)
    elif "number" in kinds:
        try:
            value = float(raw)
        except ValueError:
            raise invalid_field(name, f"{name} must be a number") from None
    else:
        if "minLength" in schema and len(raw) < schema["minLength"]:
            raise invalid_field(name, f"{name} must have at least {schema['minLength']} characters")
        if "maxLength" in schema and len(raw) > schema["maxLength"]:
            raise invalid_field(name, f"{name} must have at most {schema['maxLength']} characters")
        if "pattern" in schema and not re.search(schema["pattern"], raw):
            raise invalid_field(name, f"{name} has an invalid format")
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"])
        raise invalid_field(name, f"{name} must be one of: {allowed}")
    return value


def model_for_schema(schema: dict[str, Any]) -> type[BaseModel] | None:
    """The generated model named after a `#/components/schemas/<Name>` reference."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if not ref:
        return None
    model = getattr(evocalize_models, str(ref).rsplit("/", 1)[-1], None)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return model
    return None


def request_body_of(operation: OperationSpec) -> tuple[bool, dict[str, type[BaseModel] | None]]:
    """Whether a body is required, and the model for each accepted media type."""
    return _request_body_of(operation.operation_id)


@cache
def _request_body_of(operation_id: str) -> tuple[bool, dict[str, type[BaseModel] | None]]:
    operation = operation_spec(operation_id)
    body = resolve(operation.node.get("requestBody", {}))
    models = {
        media_type: model_for_schema(media.get("schema", {}))
        for media_type, media in body.get("content", {}).items()
    }
    return bool(body.get("required")), models


def parse_json_into(model: type[M], raw: bytes, field_prefix: str = "") -> M:
    """`raw` JSON validated by `model` in strict mode (so `"1"` is not an integer).

    JSON is UTF-8 without a byte order mark (RFC 8259), each object's keys unique: `json.loads`
    would also read UTF-16 and UTF-32, skip a BOM and keep the last of repeated keys, hiding a
    partner's encoding or serialisation bug that the real API may not forgive."""
    try:
        if raw.startswith(codecs.BOM_UTF8):
            raise ValueError("JSON starts with no byte order mark")
        document = json.loads(
            raw.decode("utf-8"),
            parse_float=_number,
            parse_constant=_refuse_constant,
            object_pairs_hook=_unique_keys,
        )
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise malformed("the request body is not valid JSON", field_prefix or None) from None
    if isinstance(document, list) and len(document) > BATCH_LIMIT:
        raise too_many_items(BATCH_LIMIT)
    try:
        # Validated from the re-encoded document, in which `2.0` became `2`: JSON Schema counts
        # it an integer, pydantic's strict mode (which refuses "2" for an integer) does not.
        parsed = model.model_validate_json(json.dumps(document), strict=True)
    except ValidationError as error:
        raise _api_error(model, error, field_prefix) from None
    if model.__name__ in load_spec()["components"]["schemas"]:
        schema = {"$ref": f"#/components/schemas/{model.__name__}"}
        check_document(schema, document, field_prefix)
    return parsed


def _number(text: str) -> int | float:
    value = float(text)
    if value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise malformed("an object of the request body repeats a key")
    return document


def _refuse_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


def validate_python(model: type[M], value: Any, field_prefix: str = "") -> M:
    """A value already decoded (a form, a stored batch entry) validated by `model`."""
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise _api_error(model, error, field_prefix) from None


def _api_error(model: type[BaseModel], error: ValidationError, prefix: str) -> ApiError:
    first = error.errors()[0]
    kind = first["type"]
    location = list(first["loc"])
    if location and _is_tagged_union(model) and isinstance(location[0], str):
        location = location[1:]  # pydantic prefixes the discriminator value, not a field
    field = _field_path(prefix, location)
    if kind == "too_long" and first.get("ctx", {}).get("max_length") == BATCH_LIMIT:
        return too_many_items(BATCH_LIMIT)
    message = f"{field or 'body'}: {first['msg']}"
    if kind.endswith("_type") or kind in {"json_invalid", "model_attributes_type"}:
        return ApiError(400, "EV_BAD_REQUEST_MALFORMED", message, field or None)
    return ApiError(400, "EV_BAD_REQUEST_INVALID_FIELDS", message, field or None)


def _is_tagged_union(model: type[BaseModel]) -> bool:
    if not issubclass(model, RootModel):
        return False
    annotation = model.model_fields["root"].annotation
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _field_path(prefix: str, location: list[Any]) -> str:
    path = prefix
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else str(part)
    return path
