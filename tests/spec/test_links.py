"""The spec's OpenAPI links chain each create to the operations that read, edit or delete what
it created, so that stateful fuzzing reaches real objects; and every link can be followed."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_doc import Operation, operations, resolve

OPERATIONS = {op.id: op for op in operations()}


def links() -> list[tuple[Operation, str, dict[str, Any], dict[str, Any]]]:
    """(source operation, status, response, link) for every link of every operation."""
    found = []
    for op in OPERATIONS.values():
        for status, response in op.responses().items():
            for link in response.get("links", {}).values():
                found.append((op, status, response, resolve(link)))
    return found


LINKS = links()


def schema_at(schema: dict[str, Any], json_pointer: str) -> dict[str, Any]:
    """Walks a response schema along a body pointer such as `/data/values/id`."""
    node: dict[str, Any] = resolve(schema)
    for part in json_pointer.strip("/").split("/"):
        node = resolve(node["properties"][part])
    return node


def test_every_resource_a_partner_creates_is_linked_to_where_it_is_read_or_changed() -> None:
    pairs = {(source.id, link["operationId"]) for source, _, _, link in LINKS}
    expected = {
        ("createOrUpdateUser", "getUser"),
        ("createOrUpdateUser", "deactivateUser"),
        ("createOrUpdateItem", "getItem"),
        ("createOrUpdateItem", "deleteItem"),
        ("createOrUpdateItem", "upsertItemGrant"),
        ("upsertItemGrant", "listItemGrants"),
        ("upsertItemGrant", "deleteItemGrants"),
        ("createOrUpdateAccessRecord", "listItemAccessRecords"),
        ("createOrUpdateAccessRecord", "deleteItemAccessRecords"),
        ("placeOrder", "getOrder"),
        ("placeOrder", "editOrder"),
        ("placeOrder", "cancelOrder"),
        ("placeOrder", "getOrderRefundPreview"),
        ("createAudiencePlaceholder", "getAudiencePlaceholder"),
        ("createAudiencePlaceholder", "uploadAudienceCsv"),
        ("addProvidedAudience", "getAudiencePlaceholder"),
        ("createOrUpdateMedia", "getMedia"),
        ("createOrUpdateMedia", "deleteMedia"),
        ("createOrUpdateMedia", "upsertMediaGrants"),
        ("createOrUpdateUserBatch", "getBatchReport"),
        ("createOrUpdateMediaBatch", "listBatchReportErrors"),
    }
    assert expected <= pairs


def test_every_batch_links_to_its_report() -> None:
    batches = {source.id for source, _, _, link in LINKS if link["operationId"] == "getBatchReport"}
    assert len(batches) == 7


@pytest.mark.parametrize(
    "source, status, response, link",
    LINKS,
    ids=[f"{s.id}->{link['operationId']}" for s, _, _, link in LINKS],
)
def test_each_link_names_an_operation_and_values_that_exist(
    source: Operation, status: str, response: dict[str, Any], link: dict[str, Any]
) -> None:
    target = OPERATIONS[link["operationId"]]
    target_params = {p["name"] for p in target.parameters()}
    source_path_params = {p["name"] for p in source.parameters() if p["in"] == "path"}
    body_schema = response["content"]["application/json"]["schema"]
    for name, expression in link["parameters"].items():
        assert name in target_params
        if expression.startswith("$response.body#"):
            assert schema_at(body_schema, expression.removeprefix("$response.body#"))
        else:
            assert expression.removeprefix("$request.path.") in source_path_params, expression
