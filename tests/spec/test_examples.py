"""Every example embedded in the spec validates against the schema of its place, and the
schemas are tight enough to reject what the API refuses yet loose enough for what it sends."""

from __future__ import annotations

import copy
import json
import re
from typing import Any
from urllib.parse import unquote_plus

import pytest
from openapi_doc import (
    EmbeddedExample,
    embedded_examples,
    load_spec,
    nodes,
    pointer,
    schema_validator,
    validator_at,
)
from seed_examples import SEED_PATH

EXAMPLES = list(embedded_examples())
JSON_EXAMPLES = "content/application~1json/examples"
LEAD_EXAMPLES = f"#/webhooks/leads/post/requestBody/{JSON_EXAMPLES}"


def errors(schema_name: str, value: Any) -> list[str]:
    return [e.message for e in schema_validator(schema_name).iter_errors(value)]


def example(location: str) -> Any:
    return copy.deepcopy(pointer(location)["value"])


def test_the_spec_embeds_examples_for_requests_responses_parameters_and_the_webhook() -> None:
    places = " ".join(e.where for e in EXAMPLES)
    assert len(EXAMPLES) > 100
    for part in ("/requestBody/", "/responses/", "/parameters/", "#/webhooks/"):
        assert part in places


@pytest.mark.parametrize("embedded", EXAMPLES, ids=[e.where for e in EXAMPLES])
def test_each_embedded_example_validates_against_its_schema(embedded: EmbeddedExample) -> None:
    problems = [
        e.message for e in validator_at(embedded.schema_location).iter_errors(embedded.value)
    ]
    assert problems == []


def test_the_seeds_percent_encoded_grantee_filter_is_the_parameters_example() -> None:
    seed = SEED_PATH.read_text(encoding="utf-8")
    encoded = re.findall(r"\?filterByGrantee=(\S+)", seed)
    assert len(encoded) == 2
    expected = example("#/components/examples/GranteeFilter")
    for value in encoded:
        assert json.loads(unquote_plus(value)) == expected
    assert errors("GranteeFilter", expected) == []


def test_error_codes_are_exactly_the_seeds_error_table() -> None:
    seed = SEED_PATH.read_text(encoding="utf-8")
    table = dict(re.findall(r"^(EV_[A-Z_]+) (\d{3}) ", seed, flags=re.MULTILINE))
    assert len(table) == 16
    code_schema = load_spec()["components"]["schemas"]["ErrorCode"]
    assert "enum" not in code_schema  # known codes, not a closed set: answers may carry others
    assert code_schema["examples"] == list(table)
    for code, status in table.items():
        assert f"`{code}` ({status})" in code_schema["description"]


def test_a_batch_of_1001_entries_is_refused() -> None:
    user = {"id": "u", "email": "u@example.com", "name": "U"}
    assert errors("UserBatch", [user] * 1000) == []
    assert errors("UserBatch", [user] * 1001) != []
    assert errors("ItemIdBatch", [f"item_{i}" for i in range(1001)]) != []


def test_request_bodies_refuse_unknown_fields_but_responses_tolerate_them() -> None:
    assert errors("UserInput", {"id": "1234", "replacegroups": True}) != []
    assert (
        errors(
            "MediaInput",
            {"id": "1", "name": "n", "type": "image", "url": "https://x.test/a.png", "extra": 1},
        )
        != []
    )
    user = {"id": "1234", "name": "Test User 1", "email": "test1@evocalize.com", "newField": 1}
    assert errors("User", user) == []


def test_a_new_field_in_a_lead_delivery_is_tolerated() -> None:
    delivery = example(
        "#/webhooks/leads/post/requestBody/content/application~1json/examples/facebook"
    )
    delivery["leads"][0]["someFutureField"] = {"any": "thing"}
    delivery["leads"][0]["facebook"]["summary"]["newId"] = "1"
    assert errors("LeadsDelivery", delivery) == []


CONCIERGE_EXAMPLES = f"#/webhooks/leadConcierge/post/requestBody/{JSON_EXAMPLES}"
CONCIERGE_STATUSES = [
    "UNKNOWN",
    "NEW",
    "OPEN",
    "CALLBACK_TO_TRANSFER",
    "CLOSED",
    "CLOSED_INCOMPLETE",
    "LOST",
    "SCHEDULE_COMPLETED",
    "OUT_OF_TERRITORY",
    "BAD_NUMBER",
    "CANCELLED",
    "DNC_TEXT",
    "DNC_CALL",
    "DNC_BOTH",
]


def test_the_concierge_example_of_the_facts_is_the_webhooks_example() -> None:
    event = example(f"{CONCIERGE_EXAMPLES}/callCompleted")
    assert event["idempotencyKey"] == "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
    assert event["orderData"]["orderId"] == 3799517520663220980
    assert event["leadConciergeData"]["currentStatus"] == "completed"
    assert errors("LeadConciergeEvent", event) == []


def test_a_concierge_event_tolerates_new_fields_and_null_or_absent_optional_ones() -> None:
    event = example(f"{CONCIERGE_EXAMPLES}/callCompleted")
    event["deliveryAttempt"] = 2
    event["leadConciergeData"]["sentiment"] = "positive"
    event["programData"]["programDescription"] = None
    event["programData"]["programVariables"] = None
    for field in ("currentOutcome", "summary", "transcript"):
        event["leadConciergeData"][field] = None
    assert errors("LeadConciergeEvent", event) == []
    for field in ("currentOutcome", "summary", "transcript"):
        del event["leadConciergeData"][field]
    del event["programData"]["programDescription"]
    assert errors("LeadConciergeEvent", event) == []


def test_a_concierge_event_without_its_idempotency_key_is_refused() -> None:
    event = example(f"{CONCIERGE_EXAMPLES}/callCompleted")
    del event["idempotencyKey"]
    assert errors("LeadConciergeEvent", event) != []
    assert errors("LeadConciergeEvent", {**event, "idempotencyKey": ""}) != []


def test_concierge_statuses_are_an_open_string_documenting_the_fourteen_known_values() -> None:
    status = load_spec()["components"]["schemas"]["LeadConciergeStatus"]
    assert "enum" not in status
    for known in CONCIERGE_STATUSES:
        assert f"`{known}`" in status["description"]
        assert errors("LeadConciergeStatus", known) == []
    assert errors("LeadConciergeStatus", "completed") == []


def test_a_purchase_needs_an_end_and_a_subscription_has_none() -> None:
    order_requests = (
        "#/paths/~1management~1v1~1order/post/requestBody/content/application~1json/examples"
    )
    purchase = example(f"{order_requests}/purchase")
    subscription = example(f"{order_requests}/subscription")
    del purchase["schedule"]["endTimestamp"]
    subscription["schedule"]["endTimestamp"] = 1738396800
    assert errors("PlaceOrderInput", purchase) != []
    assert errors("PlaceOrderInput", subscription) != []


ORDER_EDIT_EXAMPLES = (
    "#/paths/~1management~1v1~1order~1{orderId}/put/requestBody/content/application~1json/examples"
)


def test_program_name_is_accepted_when_placing_editing_and_reading_an_order() -> None:
    order_requests = (
        "#/paths/~1management~1v1~1order/post/requestBody/content/application~1json/examples"
    )
    purchase = example(f"{order_requests}/purchase")
    subscription = example(f"{order_requests}/subscription")
    for order in (purchase, subscription):
        assert errors("PlaceOrderInput", {**order, "programName": "Spring program"}) == []
    change_name = pointer(f"{ORDER_EDIT_EXAMPLES}/programName")
    assert change_name["summary"] == "Change Program Name"
    assert change_name["value"] == {"programName": "New Program Name"}
    assert errors("OrderEdit", change_name["value"]) == []
    assert errors("OrderEdit", {"programName": ""}) != []
    order = {
        "id": "1",
        "userId": "u",
        "groupId": "g",
        "productCode": "p",
        "status": "active",
        "orderType": "purchase",
        "programName": "Spring program",
        "paymentAmount": 1,
        "schedule": {"startTimestamp": 1},
        "contentItemIds": [],
        "variableValues": {},
    }
    assert errors("Order", order) == []


def test_the_edit_documents_that_immutable_variables_are_refused_by_name() -> None:
    description = " ".join(
        pointer("#/paths/~1management~1v1~1order~1{orderId}/put")["description"].split()
    )
    assert "immutable" in description
    assert "`EV_BAD_REQUEST_INVALID_VARIABLE_VALUE`" in description
    assert "`field` naming the variable" in description


def test_a_small_audience_is_sized_as_the_literal_under_1000() -> None:
    size = load_spec()["components"]["schemas"]["Audience"]["properties"]["potentialSize"]
    assert "`< 1000`" in size["description"]
    audience = {
        "channel": "Facebook",
        "channelAudienceId": "a",
        "name": "n",
        "description": "d",
        "type": "custom",
        "status": "active",
    }
    for value in ("< 1000", "2700000", 2700000, None):
        assert errors("Audience", {**audience, "potentialSize": value}) == []
    assert errors("Audience", audience) == []


def test_an_order_amount_must_be_positive() -> None:
    assert errors("OrderEdit", {"paymentAmount": 0}) != []
    assert errors("OrderEdit", {"paymentAmount": 0.01}) == []
    assert errors("OrderEdit", {}) != []


def test_closed_sets_refuse_values_outside_them() -> None:
    assert errors("GranteeInput", {"type": "EVERYONE"}) != []
    assert errors("MediaType", "audio") != []
    assert errors("Permissions", ["WRITE"]) != []
    assert errors("ProvidedAudienceChannel", "Google") != []


def test_group_roles_are_the_seven_of_the_reference_team_admin_included() -> None:
    roles = load_spec()["components"]["schemas"]["GroupRole"]["enum"]
    assert set(roles) == {
        "group_user",
        "group_admin",
        "team_guest",
        "team_member",
        "team_viewer",
        "team_lead",
        "team_admin",
    }
    assert errors("UserGroupAssociation", {"groupId": "g", "role": "team_admin"}) == []
    assert errors("UserGroupAssociation", {"groupId": "g", "role": "team_boss"}) != []


def test_open_statuses_accept_a_value_the_seed_does_not_list() -> None:
    for status_schema in (
        "OrderStatus",
        "SubscriptionStatus",
        "PlaceholderStatus",
        "AudienceStatus",
    ):
        assert errors(status_schema, "some_future_status") == []


def test_delete_filters_of_access_records_must_send_every_field() -> None:
    assert errors("AccessRecordFilter", {"userId": None, "groupId": None, "role": None}) == []
    assert errors("AccessRecordFilter", {"groupId": "seattle_office"}) != []


def test_seed_numbers_sent_where_its_tables_say_string_are_accepted_both_ways() -> None:
    google = example(f"{LEAD_EXAMPLES}/google")
    summary = google["leads"][0]["google"]["summary"]
    assert isinstance(summary["campaignId"], int) and isinstance(summary["leadId"], str)
    summary["campaignId"], summary["leadId"] = str(summary["campaignId"]), int(summary["leadId"])
    assert errors("LeadsDelivery", google) == []


def test_a_grantee_in_a_request_names_what_its_type_needs() -> None:
    assert errors("GranteeInput", {"type": "ORGANIZATION"}) == []
    assert errors("GranteeInput", {"type": "USER", "userId": "u"}) == []
    assert errors("GranteeInput", {"type": "USER"}) != []
    assert errors("GranteeInput", {"type": "USER_IN_GROUP", "userId": "u"}) != []
    assert errors("GranteeInput", {"type": "GROUP"}) != []
    assert errors("GranteeInput", {"type": "GROUP_ROLE", "groupId": "g"}) != []
    role = {"type": "GROUP_ROLE", "groupId": "g", "groupRole": "group_user"}
    assert errors("GranteeInput", role) == []


def is_object_schema(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    types = node.get("type")
    return types == "object" or (isinstance(types, list) and "object" in types)


def test_no_object_schema_is_bare() -> None:
    """An object schema lists its properties, or says explicitly that it is a free map."""
    bare = [
        where
        for where, node in nodes()
        if is_object_schema(node) and not {"properties", "additionalProperties"} & set(node)
    ]
    assert bare == []
