"""The client is liberal in what the API sends (docs/decisions.md): the
reference's own answers parse, the literal `< 1000` audience size is kept as given, and what the
reference says it may leave out or add does not break validation."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from evocalize import errors
from evocalize.client import Evocalize
from evocalize.retries import NO_RETRIES
from evocalize_client.models import SubscriptionDetails
from evocalize_models import AudiencePlaceholderEnvelope
from openapi_doc import EmbeddedExample, embedded_examples, schema_validator, validator_at

Handler = Callable[[httpx.Request], httpx.Response]


def facade(handler: Handler) -> Evocalize:
    return Evocalize(
        "https://sandbox.test",
        "kid",
        "secret",
        auth="signature",
        retries=NO_RETRIES,
        transport=httpx.MockTransport(handler),
    )


def errors_of(schema_name: str, value: Any) -> list[str]:
    # The schema checks need the test tools (jsonschema); the client's own tests also run on
    # the lean install (.ci/run), where they skip.
    pytest.importorskip("jsonschema")
    return [e.message for e in schema_validator(schema_name).iter_errors(value)]


def answering(body: Any, status: int = 200) -> Handler:
    return lambda request: httpx.Response(status, json=body)


def placeholder_with_sizes(*sizes: Any) -> dict[str, Any]:
    audience = {
        "channel": "Facebook",
        "channelAudienceId": "test_audience_id",
        "name": "Facebook Audience Name",
        "description": "Facebook Audience Description",
        "type": "custom",
        "status": "active",
    }
    return {
        "data": {
            "placeholderId": "1234",
            "name": "Audience Placeholder Name",
            "status": "completed",
            "audiences": [{**audience, "potentialSize": size} for size in sizes],
        }
    }


def test_a_small_audience_size_is_kept_as_the_literal_string_not_coerced() -> None:
    body = placeholder_with_sizes("< 1000", "2700000", 2700000, None)
    with facade(answering(body)) as ev:
        placeholder = ev.audiences.get_audience_placeholder("1234")
    assert isinstance(placeholder.audiences, list)
    assert [a.potential_size for a in placeholder.audiences] == ["< 1000", "2700000", 2700000, None]
    models = AudiencePlaceholderEnvelope.model_validate(body).data.audiences or []
    assert [a.potential_size for a in models] == ["< 1000", "2700000", 2700000, None]


def test_an_audience_without_a_size_parses() -> None:
    body = placeholder_with_sizes("< 1000")
    del body["data"]["audiences"][0]["potentialSize"]
    with facade(answering(json.loads(json.dumps(body)))) as ev:
        placeholder = ev.audiences.get_audience_placeholder("1234")
    assert isinstance(placeholder.audiences, list) and len(placeholder.audiences) == 1


# Nulls: the reference says answers leave null values out.


def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: without_nulls(child) for key, child in value.items() if child is not None}
    if isinstance(value, list):
        return [without_nulls(child) for child in value]
    return value


ANSWER_EXAMPLES = [
    example
    for example in embedded_examples()
    if "/responses/" in example.where or example.where.startswith("#/webhooks/")
]


@pytest.mark.parametrize("embedded", ANSWER_EXAMPLES, ids=[e.where for e in ANSWER_EXAMPLES])
def test_every_answer_example_with_its_nulls_left_out_still_validates(
    embedded: EmbeddedExample,
) -> None:
    stripped = without_nulls(embedded.value)
    pytest.importorskip("jsonschema")
    problems = [e.message for e in validator_at(embedded.schema_location).iter_errors(stripped)]
    assert problems == []


def test_the_fields_the_spec_made_required_but_nullable_may_be_left_out() -> None:
    subscription = {
        "data": {
            "id": "1234567890",
            "userId": "test_user_id",
            "groupId": "test_group_id",
            "productCode": "pid_1234567890",
            "status": "active",
            "orderType": "subscription",
            "paymentAmount": 100,
            "schedule": {"startTimestamp": 1735718400},
            "contentItemIds": [],
            "variableValues": {},
            # endsOnTimestamp left out, as the reference leaves nulls out
            "subscriptionDetails": {
                "renewsOnTimestamp": 1735718400,
                "subscriptionAmount": 100,
                "status": "active",
            },
        }
    }
    preview = {
        "data": {
            "orderId": "1234567890",
            "subTotal": 100.0,
            "cancellationFee": 0.0,
            "totalRefund": 100.0,
            "cancellationType": "immediate",
            "daysRemaining": 30,
        }
    }
    records = {
        "data": [
            {
                "contentItemId": "c1",
                "groupId": "g1",
                "canEdit": False,
                "role": "group_user",
                "deleted": False,
            }
        ]
    }
    with facade(answering(subscription)) as ev:
        order = ev.orders.get_order("1234567890")
    assert isinstance(order.subscription_details, SubscriptionDetails)
    assert order.subscription_details.status == "active"
    with facade(answering(preview)) as ev:
        assert ev.orders.get_order_refund_preview("1234567890").total_refund == 100.0
    with facade(answering(records)) as ev:
        (record,) = ev.content_access_v1.list_access_records("r1")
    assert record.group_id == "g1"


# Error codes: known codes documented, not a closed set.


def test_an_unknown_error_code_raises_the_error_of_its_status_family() -> None:
    answer = {"errors": [{"message": "no", "code": "EV_FORBIDDEN_SOMETHING_NEW", "field": "x"}]}
    with (
        pytest.raises(errors.PermissionDeniedError) as raised,
        facade(answering(answer, 403)) as ev,
    ):
        ev.audiences.get_audience_placeholder("p1")
    assert (raised.value.code, raised.value.field) == ("EV_FORBIDDEN_SOMETHING_NEW", "x")
    with pytest.raises(errors.BadRequestError) as bad, facade(answering(answer, 400)) as ev:
        ev.users.get_user("u1")
    assert bad.value.code == "EV_FORBIDDEN_SOMETHING_NEW"
    assert errors_of("ErrorEnvelope", answer) == []


def test_a_batch_failure_with_an_unknown_code_parses() -> None:
    failed = {"input": {"id": "u1"}, "errorMessage": "new rule", "restErrorCode": "EV_NEW"}
    page = {"data": [failed]}
    with facade(answering(page)) as ev:
        (failure,) = ev.batch_reports.list_batch_report_errors("r1")
    assert failure.rest_error_code == "EV_NEW"


# Other closed sets: closed in what the partner sends, open in what the API sends.


def test_values_the_request_enums_lack_are_accepted_in_answers() -> None:
    assert errors_of("User", {"id": "u", "name": "U", "email": "u@example.com",
                              "groups": [{"id": "g", "role": "team_owner"}]}) == []  # fmt: skip
    assert errors_of("UserGroupAssociation", {"groupId": "g", "role": "team_owner"}) != []
    grant = {"grantee": {"type": "TEAM", "groupRole": "team_lead"}, "permissions": ["WRITE"]}
    assert errors_of("Grant", grant) == []
    assert errors_of("GrantInput", grant) != []
    assert (
        errors_of("Media", {"id": "m", "name": "M", "type": "audio", "url": "https://x.test/a"})
        == []
    )
    assert (
        errors_of(
            "MediaInput", {"id": "m", "name": "M", "type": "audio", "url": "https://x.test/a"}
        )
        != []
    )
    for schema, value in (
        ("OrderType", "trial"),
        ("CancellationType", "scheduled"),
        ("RepositoryFieldType", "geo_point"),
        ("AccessRoleAnswer", "team_admin"),
    ):
        assert errors_of(schema, value) == [], schema
    with facade(answering({"data": {"id": "m", "name": "M", "type": "audio",
                                    "url": "https://x.test/a"}})) as ev:  # fmt: skip
        assert ev.media.get_media("m").type_ == "audio"
