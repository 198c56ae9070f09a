"""Media assets through the generated client: create and update, a type that never changes,
403 for what does not exist (deleted included), grants and each user's media library."""

from __future__ import annotations

from typing import Any

import pytest
from evocalize_client import AuthenticatedClient
from evocalize_client.api.batch_reports import get_batch_report, list_batch_report_errors
from evocalize_client.api.media import (
    create_or_update_media,
    create_or_update_media_batch,
    delete_media,
    get_media,
    list_media_grants,
    upsert_media_grants,
)
from evocalize_client.api.users import list_user_media
from evocalize_client.models import GrantsInput, MediaInput, MediaType
from sandbox_domain_support import add_user, body_of, domain_client, error_code, make_domain_app
from sandbox_support import sandbox_of
from starlette.applications import Starlette


@pytest.fixture
def app(database_url: str, clock: list[float]) -> Starlette:
    return make_domain_app(database_url, clock)


@pytest.fixture
def client(app: Starlette, clock: list[float]) -> AuthenticatedClient:
    api = domain_client(app, clock)
    add_user(api, "ana", {"seattle": "group_user"})
    add_user(api, "ben", {"portland": "group_user"})
    return api


def media(media_id: str = "1234", **fields: Any) -> dict[str, Any]:
    return {
        "id": media_id,
        "name": "Image Name",
        "type": "image",
        "url": "https://api.example.com/image.png",
        **fields,
    }


def put(client: AuthenticatedClient, body: dict[str, Any]) -> Any:
    return create_or_update_media.sync_detailed(client=client, body=MediaInput.from_dict(body))


def library(client: AuthenticatedClient, user_id: str, type_: MediaType | None = None) -> list[str]:
    if type_ is None:
        response = list_user_media.sync_detailed(user_id, client=client)
    else:
        response = list_user_media.sync_detailed(user_id, client=client, type_=type_)
    assert response.status_code == 200, response.content
    return [m["id"] for m in body_of(response, "MediaPage")["data"]]


def test_created_media_reads_back_as_sent(client: AuthenticatedClient) -> None:
    created = put(client, media())
    assert (created.status_code, body_of(created, "MediaEnvelope")["data"]) == (200, media())
    assert body_of(get_media.sync_detailed("1234", client=client))["data"] == media()


def test_an_update_changes_name_and_url(client: AuthenticatedClient) -> None:
    put(client, media())
    updated = put(client, media(name="Renamed", url="https://cdn.example.com/new.png"))
    assert body_of(updated)["data"]["name"] == "Renamed"
    assert body_of(get_media.sync_detailed("1234", client=client))["data"]["url"] == (
        "https://cdn.example.com/new.png"
    )


def test_the_type_of_existing_media_cannot_change(client: AuthenticatedClient) -> None:
    put(client, media())
    assert error_code(put(client, media(type="video"))) == (
        400,
        "EV_BAD_REQUEST_INVALID_FIELDS",
        "type",
    )
    assert body_of(get_media.sync_detailed("1234", client=client))["data"]["type"] == "image"


def test_unknown_media_is_a_403_everywhere(client: AuthenticatedClient) -> None:
    responses = [
        get_media.sync_detailed("nope", client=client),
        delete_media.sync_detailed("nope", client=client),
        list_media_grants.sync_detailed("nope", client=client),
        upsert_media_grants.sync_detailed(
            "nope", client=client, body=GrantsInput.from_dict({"grants": []})
        ),
    ]
    assert {error_code(r)[:2] for r in responses} == {(403, "EV_OBJECT_NOT_FOUND")}


def test_deleted_media_answers_without_body_and_is_then_a_403(client: AuthenticatedClient) -> None:
    put(client, media(grants=[{"grantee": {"type": "ORGANIZATION"}, "permissions": ["READ"]}]))
    deleted = delete_media.sync_detailed("1234", client=client)
    assert (deleted.status_code, deleted.content) == (200, b"")
    assert error_code(get_media.sync_detailed("1234", client=client))[0] == 403
    assert error_code(delete_media.sync_detailed("1234", client=client))[0] == 403
    assert library(client, "ana") == []


def test_a_deleted_id_can_be_reused_with_another_type(client: AuthenticatedClient) -> None:
    put(client, media())
    delete_media.sync_detailed("1234", client=client)
    assert put(client, media(type="video")).status_code == 200


def test_each_user_library_holds_the_media_their_grants_reach(
    client: AuthenticatedClient,
) -> None:
    seattle = [{"grantee": {"type": "GROUP", "groupId": "seattle"}, "permissions": ["READ"]}]
    ben = [{"grantee": {"type": "USER", "userId": "ben"}, "permissions": ["READ"]}]
    put(client, media("img-1", grants=seattle))
    put(client, media("vid-1", type="video", grants=seattle))
    put(client, media("img-2", grants=ben))
    put(client, media("img-3"))
    assert library(client, "ana") == ["img-1", "vid-1"]
    assert library(client, "ana", "video") == ["vid-1"]
    assert library(client, "ben") == ["img-2"]


def test_media_grants_are_upserted_by_grantee_and_listed(client: AuthenticatedClient) -> None:
    put(client, media(grants=[{"grantee": {"type": "USER", "userId": "ana"}, "permissions": []}]))
    changes = {"grants": [{"grantee": {"type": "USER", "userId": "ben"}, "permissions": ["READ"]}]}
    response = upsert_media_grants.sync_detailed(
        "1234", client=client, body=GrantsInput.from_dict(changes)
    )
    assert body_of(response)["data"]["id"] == "1234"
    grants = list_media_grants.sync_detailed("1234", client=client)
    listed = body_of(grants, "GrantsEnvelope")["data"]["grants"]
    assert listed == [
        {"grantee": {"type": "USER", "userId": "ben"}, "permissions": ["READ"], "objectId": "1234"}
    ]
    assert (library(client, "ana"), library(client, "ben")) == ([], ["1234"])


def test_the_library_of_an_unknown_user_is_a_404(client: AuthenticatedClient) -> None:
    assert error_code(list_user_media.sync_detailed("ghost", client=client))[:2] == (
        404,
        "EV_OBJECT_NOT_FOUND",
    )


def test_a_media_batch_is_applied_in_the_background(
    app: Starlette, client: AuthenticatedClient
) -> None:
    batch = [MediaInput.from_dict(media("a")), MediaInput.from_dict(media("b", type="video"))]
    response = create_or_update_media_batch.sync_detailed(client=client, body=batch)
    assert response.status_code == 202
    report_id = body_of(response)["data"]["reportId"]
    sandbox_of(app).process_pending_batches()
    report = body_of(get_batch_report.sync_detailed(report_id, client=client))["data"]
    assert (report["successfulItems"], report["errorItems"], report["isCompleted"]) == (2, 0, True)
    assert body_of(get_media.sync_detailed("b", client=client))["data"]["type"] == "video"


def test_a_batch_entry_changing_a_media_type_is_reported_as_failed(
    app: Starlette, client: AuthenticatedClient
) -> None:
    put(client, media("a"))
    batch = [MediaInput.from_dict(media("a", type="video"))]
    report_id = body_of(create_or_update_media_batch.sync_detailed(client=client, body=batch))[
        "data"
    ]["reportId"]
    sandbox_of(app).process_pending_batches()
    errors = body_of(list_batch_report_errors.sync_detailed(report_id, client=client))["data"]
    assert [(e["restErrorCode"], e["input"]["id"]) for e in errors] == [
        ("EV_BAD_REQUEST_INVALID_FIELDS", "a")
    ]
