"""The spec's rules that pydantic's generated models do not enforce (schema_checks.py), on
schemas written here, so each rule is seen alone, with the place named in its error."""

from __future__ import annotations

from typing import Any

import pytest
from evocalize.spec import operation_specs, resolve
from evocalize_sandbox.errors import ApiError
from evocalize_sandbox.schema_checks import check_document

ITEM = {
    "type": "object",
    "required": ["id"],
    "maxProperties": 3,
    "properties": {
        "id": {"type": "string"},
        "kind": {"type": "string", "enum": ["USER", "GROUP"]},
        "userId": {"type": "string"},
        "site": {"type": "string", "format": "uri"},
        "email": {"type": "string", "format": "email"},
    },
    "additionalProperties": {"type": "string"},
    "if": {"properties": {"kind": {"const": "USER"}}, "required": ["kind"]},
    "then": {"required": ["userId"]},
}
MALFORMED, INVALID = "EV_BAD_REQUEST_MALFORMED", "EV_BAD_REQUEST_INVALID_FIELDS"
BATCH = {"type": "array", "items": {"type": "object", "properties": {"values": ITEM}}}


def refusal(schema: Any, value: Any, field: str = "") -> tuple[int, str, str | None]:
    with pytest.raises(ApiError) as raised:
        check_document(schema, value, field)
    error = raised.value
    return error.status, error.code, error.field


@pytest.mark.parametrize(
    ("value", "code", "field"),
    [
        ([{"values": {"id": "a"}}, {"values": {"id": None}}], MALFORMED, "[1].values.id"),
        ([{"values": {}}], INVALID, "[0].values.id"),
        ([{"values": {"id": "a", "kind": "USER"}}], INVALID, "[0].values.userId"),
        ([{"values": {"id": "a", "site": "no-scheme"}}], INVALID, "[0].values.site"),
        ([{"values": {"id": "a", "email": "é@x.org"}}], INVALID, "[0].values.email"),
        ([{"values": {"id": "a", "b": "1", "c": "2", "d": "3"}}], INVALID, "[0].values"),
        ([{"values": {"id": "a", "other": None}}], MALFORMED, "[0].values.other"),
        ([None], MALFORMED, None),
    ],
)  # fmt: skip
def test_each_rule_names_the_place_it_is_broken(value: Any, code: str, field: str | None) -> None:
    status, got_code, got_field = refusal(BATCH, value)
    assert (status, got_code) == (400, code)
    if field is not None:
        assert got_field == field
    else:
        # The null item itself: its place is its index.
        assert got_field == "[0]"


def test_the_place_starts_with_the_given_field() -> None:
    assert refusal(BATCH, [{"values": {}}], "content")[2] == "content[0].values.id"


def test_what_follows_the_rules_passes() -> None:
    check_document(BATCH, [{"values": {"id": "a", "kind": "USER", "userId": "u"}}])
    check_document(BATCH, [{"values": {"id": "a", "kind": "GROUP", "site": "https://x.org/"}}])


def test_a_schema_that_contains_itself_is_checked_at_every_depth() -> None:
    node: dict[str, Any] = {"type": "object", "required": ["name"], "properties": {}}
    node["properties"]["child"] = node
    check_document(node, {"name": "a", "child": {"name": "b", "child": {"name": "c"}}})
    assert (
        refusal(node, {"name": "a", "child": {"name": "b", "child": {}}})[2] == "child.child.name"
    )


def test_every_request_body_of_the_spec_accepts_its_own_examples() -> None:
    checked = 0
    for operation in operation_specs():
        body = resolve(operation.node.get("requestBody", {}))
        for media in body.get("content", {}).values():
            for example in media.get("examples", {}).values():
                check_document(media["schema"], resolve(example)["value"])
                checked += 1
    assert checked >= 20
