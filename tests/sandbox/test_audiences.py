"""Audience placeholders through the generated client: the pending -> processing -> completed
lifecycle, CSV refusals, provided audiences, grants and what each user can see."""

from __future__ import annotations

import io
from typing import Any

import pytest
from audience_csv_samples import PLAIN_TEXT_VALUES, TOO_FEW_IDENTIFIERS, VALID_CSV
from evocalize_client import AuthenticatedClient
from evocalize_client.api.audiences import (
    add_provided_audience,
    create_audience_placeholder,
    get_audience_placeholder,
    list_audience_placeholder_grants,
    list_audience_placeholders,
    list_user_audience_placeholders,
    upload_audience_csv,
    upsert_audience_placeholder_grants,
)
from evocalize_client.models import (
    AudienceCsvUpload,
    AudiencePlaceholderInput,
    GrantsInput,
    ProvidedAudienceInput,
)
from evocalize_client.types import File
from sandbox_domain_support import (
    PROCESSING_SECONDS,
    add_user,
    body_of,
    domain_client,
    error_code,
    make_domain_app,
)
from starlette.testclient import TestClient


@pytest.fixture
def client(database_url: str, clock: list[float]) -> AuthenticatedClient:
    api = domain_client(make_domain_app(database_url, clock), clock)
    add_user(api, "ana", {"seattle": "group_admin"})
    add_user(api, "ben", {"seattle": "group_user"})
    add_user(api, "cy", {"portland": "group_user"})
    return api


def create(client: AuthenticatedClient, **fields: Any) -> dict[str, Any]:
    body = {"name": "Past buyers", "tags": ["Tag 1"], **fields}
    response = create_audience_placeholder.sync_detailed(
        client=client, body=AudiencePlaceholderInput.from_dict(body)
    )
    assert response.status_code == 200, response.content
    data: dict[str, Any] = body_of(response, "AudiencePlaceholderEnvelope")["data"]
    return data


def upload(client: AuthenticatedClient, placeholder_id: str, data: bytes) -> Any:
    csv = File(payload=io.BytesIO(data), file_name="hashed_audience_data.csv", mime_type="text/csv")
    return upload_audience_csv.sync_detailed(
        placeholder_id, client=client, body=AudienceCsvUpload(file=csv)
    )


def placeholder(client: AuthenticatedClient, placeholder_id: str) -> dict[str, Any]:
    response = get_audience_placeholder.sync_detailed(placeholder_id, client=client)
    data: dict[str, Any] = body_of(response, "AudiencePlaceholderEnvelope")["data"]
    return data


def grant(grantee: dict[str, str], permissions: tuple[str, ...] = ("READ",)) -> dict[str, Any]:
    return {"grantee": grantee, "permissions": list(permissions)}


def visible_to(client: AuthenticatedClient, user_id: str) -> list[str]:
    response = list_user_audience_placeholders.sync_detailed(user_id, client=client)
    assert response.status_code == 200, response.content
    return [p["placeholderId"] for p in body_of(response, "AudiencePlaceholderList")["data"]]


def test_a_new_placeholder_is_pending_without_audiences(client: AuthenticatedClient) -> None:
    created = create(client)
    assert (created["status"], created["description"]) == ("pending", "Past buyers")
    assert placeholder(client, created["placeholderId"])["audiences"] == []


def test_a_csv_upload_processes_then_completes_after_the_delay_with_audiences(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    placeholder_id = create(client)["placeholderId"]
    uploaded = upload(client, placeholder_id, VALID_CSV)
    assert (
        uploaded.status_code,
        body_of(uploaded, "AudiencePlaceholderEnvelope")["data"]["status"],
    ) == (200, "processing")
    processing = placeholder(client, placeholder_id)
    assert {(a["status"], a["potentialSize"]) for a in processing["audiences"]} == {
        ("pending", None)
    }
    clock[0] += PROCESSING_SECONDS
    completed = placeholder(client, placeholder_id)
    assert completed["status"] == "completed"
    assert [(a["channel"], a["status"], a["potentialSize"]) for a in completed["audiences"]] == [
        ("Facebook", "active", "< 1000"),
        ("Google", "active", "< 1000"),
    ]


def test_a_placeholder_already_processing_refuses_another_csv(client: AuthenticatedClient) -> None:
    placeholder_id = create(client)["placeholderId"]
    assert upload(client, placeholder_id, VALID_CSV).status_code == 200
    assert error_code(upload(client, placeholder_id, VALID_CSV)) == (
        400,
        "EV_BAD_REQUEST_INVALID_FIELDS",
        None,
    )


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TOO_FEW_IDENTIFIERS, id="too-few-identifiers"),
        pytest.param(PLAIN_TEXT_VALUES, id="not-hashed"),
    ],
)
def test_an_invalid_csv_is_refused_and_leaves_the_placeholder_pending(
    client: AuthenticatedClient, data: bytes
) -> None:
    placeholder_id = create(client)["placeholderId"]
    assert error_code(upload(client, placeholder_id, data)) == (
        400,
        "EV_BAD_REQUEST_INVALID_FIELDS",
        "file",
    )
    assert placeholder(client, placeholder_id)["status"] == "pending"


def test_an_upload_to_an_unknown_placeholder_is_a_403(client: AuthenticatedClient) -> None:
    assert error_code(upload(client, "nope", VALID_CSV))[:2] == (403, "EV_OBJECT_NOT_FOUND")


def test_an_unknown_placeholder_is_a_404_to_read_and_a_403_for_grants(
    client: AuthenticatedClient,
) -> None:
    assert error_code(get_audience_placeholder.sync_detailed("nope", client=client))[0] == 404
    listed = list_audience_placeholder_grants.sync_detailed("nope", client=client)
    upserted = upsert_audience_placeholder_grants.sync_detailed(
        "nope", client=client, body=GrantsInput.from_dict({"grants": []})
    )
    assert (error_code(listed)[0], error_code(upserted)[0]) == (403, 403)


def test_a_provided_facebook_audience_makes_a_completed_placeholder(
    client: AuthenticatedClient,
) -> None:
    body = {"channel": "Facebook", "channelAudienceId": "test_facebook_audience_id"}
    response = add_provided_audience.sync_detailed(
        client=client, body=ProvidedAudienceInput.from_dict(body)
    )
    data = body_of(response, "AudiencePlaceholderEnvelope")["data"]
    assert (response.status_code, data["status"]) == (200, "completed")
    assert [(a["channelAudienceId"], a["status"]) for a in data["audiences"]] == [
        ("test_facebook_audience_id", "active")
    ]


def test_a_provided_audience_on_another_channel_is_a_400(http: TestClient) -> None:
    response = http.post(
        "/management/v1/audience/provided",
        json={"channel": "Google", "channelAudienceId": "abc"},
    )
    assert error_code(response) == (400, "EV_BAD_REQUEST_INVALID_FIELDS", "channel")


def test_an_inactive_provided_audience_is_a_400(client: AuthenticatedClient) -> None:
    body = {"channel": "Facebook", "channelAudienceId": "inactive_123"}
    response = add_provided_audience.sync_detailed(
        client=client, body=ProvidedAudienceInput.from_dict(body)
    )
    assert error_code(response) == (400, "EV_BAD_REQUEST_INVALID_FIELDS", "channelAudienceId")


def test_a_grant_to_an_unknown_user_is_an_invalid_user_identity(
    client: AuthenticatedClient,
) -> None:
    body = {"name": "x", "grants": [grant({"type": "USER", "userId": "ghost"})]}
    response = create_audience_placeholder.sync_detailed(
        client=client, body=AudiencePlaceholderInput.from_dict(body)
    )
    assert error_code(response) == (
        400,
        "EV_BAD_REQUEST_INVALID_USER_IDENTITY",
        "grants[0].grantee.userId",
    )


def test_each_user_sees_the_placeholders_their_grants_reach(client: AuthenticatedClient) -> None:
    only_ana = create(client, grants=[grant({"type": "USER", "userId": "ana"})])["placeholderId"]
    seattle = create(client, grants=[grant({"type": "GROUP", "groupId": "seattle"})])[
        "placeholderId"
    ]
    admins = create(
        client,
        grants=[grant({"type": "GROUP_ROLE", "groupId": "seattle", "groupRole": "group_admin"})],
    )["placeholderId"]
    everyone = create(client, grants=[grant({"type": "ORGANIZATION"})])["placeholderId"]
    create(client)  # no grants: nobody
    assert sorted(visible_to(client, "ana")) == sorted([only_ana, seattle, admins, everyone])
    assert sorted(visible_to(client, "ben")) == sorted([seattle, everyone])
    assert visible_to(client, "cy") == [everyone]


def test_grants_are_upserted_by_grantee_and_removed_by_empty_permissions(
    client: AuthenticatedClient,
) -> None:
    placeholder_id = create(client, grants=[grant({"type": "USER", "userId": "ben"})])[
        "placeholderId"
    ]
    changes = {
        "grants": [
            grant({"type": "USER", "userId": "ben"}, ()),
            grant({"type": "GROUP", "groupId": "portland"}),
        ]
    }
    response = upsert_audience_placeholder_grants.sync_detailed(
        placeholder_id, client=client, body=GrantsInput.from_dict(changes)
    )
    assert response.status_code == 200
    grants = list_audience_placeholder_grants.sync_detailed(placeholder_id, client=client)
    listed = body_of(grants, "GrantsPage")
    assert listed["data"]["grants"] == [
        {
            "grantee": {"type": "GROUP", "groupId": "portland"},
            "permissions": ["READ"],
            "objectId": placeholder_id,
        }
    ]
    assert (visible_to(client, "ben"), visible_to(client, "cy")) == ([], [placeholder_id])


def test_the_user_listing_of_an_unknown_user_is_a_404(client: AuthenticatedClient) -> None:
    response = list_user_audience_placeholders.sync_detailed("ghost", client=client)
    assert error_code(response)[:2] == (404, "EV_OBJECT_NOT_FOUND")


def test_the_listing_shows_every_placeholder_with_its_current_status(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    first, second = create(client)["placeholderId"], create(client)["placeholderId"]
    upload(client, first, VALID_CSV)
    clock[0] += PROCESSING_SECONDS
    response = list_audience_placeholders.sync_detailed(client=client)
    listed = body_of(response, "AudiencePlaceholderPage")["data"]
    assert [(p["placeholderId"], p["status"]) for p in listed] == [
        (first, "completed"),
        (second, "pending"),
    ]
