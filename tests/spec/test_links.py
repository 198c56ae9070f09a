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
    """Walks a response schema along a body pointer such as `/data/values/id` (a number
    steps into an array's items)."""
    node: dict[str, Any] = resolve(schema)
    for part in json_pointer.strip("/").split("/"):
        node = resolve(node["items"] if part.isdigit() else node["properties"][part])
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
        # Groups are read by listing them, edited by the same upsert, and joined by users.
        ("createOrUpdateGroup", "listGroups"),
        ("createOrUpdateGroup", "createOrUpdateGroup"),
        ("createOrUpdateGroup", "createOrUpdateUser"),
        ("createOrUpdateUser", "createOrUpdateUser"),
        ("createOrUpdateUser", "placeOrder"),
        ("createOrUpdateUser", "createOrUpdateMedia"),
        ("createOrUpdateAccessRecord", "listAccessRecords"),
        ("createOrUpdateAccessRecord", "deleteAccessRecords"),
        ("editOrder", "cancelOrder"),
        ("cancelOrder", "getOrderRefundPreview"),
        ("upsertMediaGrants", "listMediaGrants"),
        ("upsertAudiencePlaceholderGrants", "listAudiencePlaceholderGrants"),
        ("uploadAudienceCsv", "getAudiencePlaceholder"),
        # Repositories are seeded, not created: reading one leads to what lives in it.
        ("listRepositories", "getRepository"),
        ("getRepository", "createOrUpdateItem"),
        ("getRepository", "createOrUpdateAccessRecord"),
        ("getUser", "placeOrder"),
    }
    assert expected <= pairs


def test_what_was_deleted_is_linked_to_where_it_is_read_again() -> None:
    # So that stateful fuzzing checks the read after a delete (schemathesis `use_after_free`).
    pairs = {(source.id, link["operationId"]) for source, _, _, link in LINKS}
    assert {("deleteItem", "getItem"), ("deleteMedia", "getMedia")} <= pairs


def test_no_link_leads_to_a_request_the_api_always_refuses() -> None:
    # A placeholder made from a provided audience takes no CSV (`uploadAudienceCsv`).
    pairs = {(source.id, link["operationId"]) for source, _, _, link in LINKS}
    assert ("addProvidedAudience", "uploadAudienceCsv") not in pairs


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
    for name, expression in link.get("parameters", {}).items():
        assert name in target_params
        check_expression(source_path_params, response, expression)
    if "requestBody" in link:
        body = resolve(target.node.get("requestBody", {}))
        target_body = body.get("content", {}).get("application/json")
        assert target_body, f"{target.id} takes no JSON body"
        for expression in expressions_in(link["requestBody"]):
            check_expression(source_path_params, response, expression)


def check_expression(
    source_path_params: set[str], response: dict[str, Any], expression: str
) -> None:
    if expression.startswith("$response.body#"):
        body_schema = response["content"]["application/json"]["schema"]
        assert schema_at(body_schema, expression.removeprefix("$response.body#")), expression
    else:
        assert expression.removeprefix("$request.path.") in source_path_params, expression


def expressions_in(value: Any) -> list[str]:
    """The runtime expressions (`$...`) anywhere in a link's request body."""
    if isinstance(value, str):
        return [value] if value.startswith("$") else []
    if isinstance(value, dict):
        return [e for item in value.values() for e in expressions_in(item)]
    if isinstance(value, list):
        return [e for item in value for e in expressions_in(item)]
    return []


def test_the_order_a_link_places_starts_in_the_future_at_a_valid_amount() -> None:
    # The Orders section: a start must be in the future; the example product takes 10 to 10000 USD.
    bodies = [link["requestBody"] for _, _, _, link in LINKS if link["operationId"] == "placeOrder"]
    assert bodies
    for body in bodies:
        assert body["schedule"]["startTimestamp"] >= 4_102_444_800  # 2100-01-01
        assert body["orderType"] == "subscription"
        assert 10 <= body["paymentAmount"] <= 10_000


def test_every_listing_links_to_its_next_page() -> None:
    # So that stateful fuzzing follows real page tokens (and checks that paging advances).
    paged = {
        op.id for op in OPERATIONS.values() if "pageToken" in {p["name"] for p in op.parameters()}
    }
    next_pages = {
        source.id
        for source, _, _, link in LINKS
        if link["operationId"] == source.id
        and link.get("parameters", {}).get("pageToken") == "$response.body#/nextPageToken"
    }
    assert len(paged) == 11
    assert next_pages == paged
