"""The spec's operations are complete and consistent: every one is identified, tagged,
described, secured, and answers the status codes the public API reference documents."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from openapi_doc import Operation, load_spec, operations, resolve
from openapi_spec_validator import validate

OPERATIONS = operations()
IDS = [op.id for op in OPERATIONS]

# The API reference's response codes: the success code of each operation.
SUCCESS_CODES = {
    "GET /user/{userId}": "200",
    "GET /users": "200",
    "POST /user": "201",
    "GET /user/{userId}/facebook/pages": "200",
    "GET /user/{userId}/media": "200",
    "POST /users": "202",
    "DELETE /user/{userId}": "202",
    "GET /groups": "200",
    "POST /group": "201",
    "POST /groups": "202",
    "GET /repository/{repositoryId}": "200",
    "GET /repositories": "200",
    "GET /repository/{repositoryId}/item/{itemId}": "200",
    "POST /repository/{repositoryId}/item": "201",
    "POST /repository/{repositoryId}/items": "202",
    "DELETE /repository/{repositoryId}/item/{itemId}": "200",
    "DELETE /repository/{repositoryId}/items": "202",
    "GET /repository/{repositoryId}/access": "200",
    "GET /repository/{repositoryId}/access/item/{contentItemId}": "200",
    "DELETE /repository/{repositoryId}/access": "200",
    "DELETE /repository/{repositoryId}/access/item/{contentItemId}": "200",
    "POST /repository/{repositoryId}/access/item": "201",
    "POST /repository/{repositoryId}/access/items": "202",
    "GET /items/report/{reportId}": "200",
    "GET /items/report/{reportId}/errors": "200",
    "POST /order": "200",
    "PUT /order/{orderId}": "200",
    "POST /order/{orderId}/cancel": "200",
    "GET /order/{orderId}": "200",
    "GET /order/{orderId}/refundpreview": "200",
    "POST /audience": "200",
    "POST /audience/{placeholderId}/csv/upload": "200",
    "POST /audience/provided": "200",
    "POST /audience/{placeholderId}/grants": "200",
    "GET /audience/{placeholderId}/grants": "200",
    "GET /audience": "200",
    "GET /audience/{placeholderId}": "200",
    "GET /user/{userId}/audiences": "200",
    "POST /media": "200",
    "GET /media/{id}": "200",
    "POST /media/{id}/grants": "200",
    "GET /media/{id}/grants": "200",
    "DELETE /media/{id}": "200",
    "POST /medias": "202",
    # "Grants V2 (content access) return 200 on success", the batch upsert included.
    "GET /repository/{repositoryId}/grants": "200",
    "POST /repository/{repositoryId}/grants": "200",
    "DELETE /repository/{repositoryId}/grants": "200",
    "GET /repository/{repositoryId}/items/{itemId}/grants": "200",
    "POST /repository/{repositoryId}/items/{itemId}/grant": "200",
    "DELETE /repository/{repositoryId}/item/{itemId}/grants": "200",
}

# The API reference's documented failures beyond the 400/401/500 that every operation declares.
DOCUMENTED_FAILURES = {
    "GET /user/{userId}": {"404"},
    "GET /user/{userId}/facebook/pages": {"404"},
    "GET /user/{userId}/media": {"404"},
    "GET /repository/{repositoryId}": {"404"},
    "GET /repository/{repositoryId}/item/{itemId}": {"404"},
    "POST /repository/{repositoryId}/item": {"404"},
    "POST /repository/{repositoryId}/items": {"404"},
    "DELETE /repository/{repositoryId}/item/{itemId}": {"404"},
    "GET /items/report/{reportId}": {"404"},
    "PUT /order/{orderId}": {"404"},
    "POST /order/{orderId}/cancel": {"404"},
    "GET /order/{orderId}": {"404"},
    "GET /order/{orderId}/refundpreview": {"404"},
    "POST /audience/{placeholderId}/csv/upload": {"403"},
    "POST /audience/provided": {"403"},
    "POST /audience/{placeholderId}/grants": {"403"},
    "GET /audience/{placeholderId}/grants": {"403"},
    "GET /audience": {"404"},
    "GET /audience/{placeholderId}": {"404"},
    "GET /user/{userId}/audiences": {"404"},
    "GET /media/{id}": {"403"},
    "POST /media/{id}/grants": {"403"},
    "GET /media/{id}/grants": {"403"},
}

NO_BODY = {"DELETE /user/{userId}", "DELETE /media/{id}"}


def by_key(key: str) -> Operation:
    return next(op for op in OPERATIONS if op.key == key)


def success(op: Operation) -> tuple[str, dict]:  # type: ignore[type-arg]
    codes = [code for code in op.responses() if code.startswith("2")]
    assert len(codes) == 1, f"{op.key} declares {codes}"
    return codes[0], op.responses()[codes[0]]


def test_the_document_is_valid_openapi_3_1() -> None:
    spec = load_spec()
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_the_spec_describes_the_fifty_operations_of_the_seed() -> None:
    assert len(OPERATIONS) == 50
    assert {op.key for op in OPERATIONS} == set(SUCCESS_CODES)


def test_every_path_lives_under_management_v1_on_the_production_server() -> None:
    spec = load_spec()
    assert [s["url"] for s in spec["servers"]] == ["https://partner-api-production.evocalize.com"]
    assert all(path.startswith("/management/v1/") for path in spec["paths"])


def test_operation_ids_are_unique_camel_case_and_start_with_a_verb() -> None:
    assert [i for i, n in Counter(IDS).items() if n > 1] == []
    verbs = {
        "get",
        "list",
        "create",
        "delete",
        "deactivate",
        "upsert",
        "place",
        "edit",
        "cancel",
        "upload",
        "add",
    }
    for op_id in IDS:
        assert re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)*", op_id), op_id
        assert re.match(r"[a-z]+", op_id)[0] in verbs, op_id  # type: ignore[index]


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_each_operation_has_one_declared_tag_a_summary_and_a_description(op: Operation) -> None:
    declared = {tag["name"] for tag in load_spec()["tags"]}
    assert len(op.node["tags"]) == 1 and op.node["tags"][0] in declared
    assert op.node["summary"].strip()
    assert len(op.node["description"].split()) >= 5


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_each_operation_accepts_either_auth_scheme(op: Operation) -> None:
    assert op.node["security"] == [
        {"clientKeyId": [], "clientKey": []},
        {"clientKeyId": [], "timestamp": [], "signature": []},
    ]


def test_security_schemes_are_the_seeds_headers() -> None:
    schemes = load_spec()["components"]["securitySchemes"]
    assert {name: (s["type"], s["in"], s["name"]) for name, s in schemes.items()} == {
        "clientKeyId": ("apiKey", "header", "X-Evocalize-Client-Key-Id"),
        "clientKey": ("apiKey", "header", "X-Evocalize-Client-Key"),
        "timestamp": ("apiKey", "header", "X-Evocalize-Timestamp"),
        "signature": ("apiKey", "header", "X-Evocalize-Signature"),
    }


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_each_operation_answers_its_documented_success_code(op: Operation) -> None:
    code, response = success(op)
    assert code == SUCCESS_CODES[op.key]
    if op.key in NO_BODY:
        assert "content" not in response
        return
    schema = resolve(response["content"]["application/json"]["schema"])
    assert "data" in schema["required"], f"{op.key}: success bodies are wrapped in `data`"


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_each_operation_declares_its_errors_with_the_error_envelope(op: Operation) -> None:
    responses = op.responses()
    expected = {"400", "401", "500"} | DOCUMENTED_FAILURES.get(op.key, set())
    assert expected <= set(responses)
    for code, response in responses.items():
        if code.startswith(("4", "5")):
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorEnvelope"}, (op.key, code)


def success_schema(op: Operation) -> Any:
    """The unresolved schema of the success answer's JSON body; None when it has none."""
    _, response = success(op)
    return response.get("content", {}).get("application/json", {}).get("schema")


def page_schema(op: Operation) -> dict[str, Any] | None:
    schema = success_schema(op)
    body: dict[str, Any] = resolve(schema) if schema else {}
    return body if "nextPageToken" in body.get("properties", {}) else None


def is_batch(op: Operation) -> bool:
    return bool(success_schema(op) == {"$ref": "#/components/schemas/ReportReferenceEnvelope"})


PAGINATED = [op for op in OPERATIONS if page_schema(op)]
BATCHES = [op for op in OPERATIONS if is_batch(op)]


def test_an_operation_takes_a_page_token_exactly_when_it_returns_page_tokens() -> None:
    takes_token = {
        op.key for op in OPERATIONS if "pageToken" in {p["name"] for p in op.parameters()}
    }
    assert takes_token == {op.key for op in PAGINATED}
    assert len(PAGINATED) == 11


@pytest.mark.parametrize("op", PAGINATED, ids=[op.id for op in PAGINATED])
def test_listings_return_at_most_100_items_a_page(op: Operation) -> None:
    page = page_schema(op)
    assert page is not None
    assert {"nextPageToken", "previousPageToken"} <= set(page["properties"])
    data = resolve(page["properties"]["data"])
    items = data if data.get("type") == "array" else resolve(data["properties"]["grants"])
    assert items["maxItems"] == 100


def test_the_seven_batch_operations_of_the_seed_answer_a_report_id() -> None:
    assert {op.key for op in BATCHES} == {
        "POST /users",
        "POST /groups",
        "POST /repository/{repositoryId}/items",
        "DELETE /repository/{repositoryId}/items",
        "POST /repository/{repositoryId}/access/items",
        "POST /repository/{repositoryId}/grants",
        "POST /medias",
    }


@pytest.mark.parametrize("op", BATCHES, ids=[op.id for op in BATCHES])
def test_batches_take_between_1_and_1000_entries(op: Operation) -> None:
    body = resolve(op.node["requestBody"]["content"]["application/json"]["schema"])
    entries = body if body.get("type") == "array" else body["properties"]["grants"]
    assert (entries["minItems"], entries["maxItems"]) == (1, 1000)


def test_the_content_access_v1_operations_and_only_they_are_deprecated() -> None:
    deprecated = {op.key for op in OPERATIONS if op.node.get("deprecated")}
    v1 = {op.key for op in OPERATIONS if op.node["tags"] == ["Content Access V1"]}
    assert deprecated == v1
    assert len(v1) == 6 and all("/access" in key for key in v1)


def test_exactly_the_post_upserts_are_marked_safe_to_repeat() -> None:
    marked = {op.id for op in OPERATIONS if op.node.get("x-idempotent") is True}
    upserts = {
        op.id
        for op in OPERATIONS
        if op.method == "post" and op.id.startswith(("createOrUpdate", "upsert"))
    }
    assert marked == upserts
    assert len(marked) == 14
    assert {"placeOrder", "cancelOrder", "createAudiencePlaceholder"}.isdisjoint(marked)


@pytest.mark.parametrize(
    ("hook_name", "schema"),
    [("leads", "LeadsDelivery"), ("leadConcierge", "LeadConciergeEvent")],
)
def test_each_webhook_is_described_with_its_headers(hook_name: str, schema: str) -> None:
    hook = load_spec()["webhooks"][hook_name]["post"]
    assert hook["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": f"#/components/schemas/{schema}"
    }
    parameters = [resolve(p) for p in hook["parameters"]]
    headers = {p["name"] for p in parameters if p["in"] == "header"}
    assert headers == {
        "X-Evocalize-Payload-Version",
        "X-Evocalize-Client-Key-Id",
        "X-Evocalize-Timestamp",
        "X-Evocalize-Signature",
    }
    assert set(hook["responses"]) == {"2XX", "default"}


def test_content_type_is_documented_as_expected_on_every_request() -> None:
    description = " ".join(load_spec()["info"]["description"].split())
    assert "Every request carries `Content-Type: application/json`, reads" in description
    assert "`multipart/form-data`" in description
