"""Listings page 100 at a time with opaque tokens that only work for their own listing."""

from __future__ import annotations

from evocalize_client import AuthenticatedClient
from evocalize_client.api.groups import create_or_update_group_batch, list_groups
from evocalize_client.api.users import create_or_update_user_batch, list_users
from evocalize_client.models import GroupInput, UserInput, UserPage
from sandbox_support import error_of, sandbox_of
from starlette.applications import Starlette
from starlette.testclient import TestClient


def add_users(app: Starlette, client: AuthenticatedClient, count: int) -> None:
    body = [
        UserInput(id=f"user{n:04d}", name=f"User {n}", email=f"user{n}@example.com")
        for n in range(count)
    ]
    assert create_or_update_user_batch.sync_detailed(client=client, body=body).status_code == 202
    assert sandbox_of(app).process_pending_batches() == count


def test_250_users_come_in_pages_of_100_50(
    app: Starlette, http: TestClient, client: AuthenticatedClient
) -> None:
    add_users(app, client, 250)
    first = http.get("/management/v1/users").json()
    assert len(first["data"]) == 100
    assert "previousPageToken" not in first
    second = http.get("/management/v1/users", params={"pageToken": first["nextPageToken"]}).json()
    assert len(second["data"]) == 100
    third = http.get("/management/v1/users", params={"pageToken": second["nextPageToken"]}).json()
    assert len(third["data"]) == 50
    assert "nextPageToken" not in third
    ids = [u["id"] for page in (first, second, third) for u in page["data"]]
    assert ids == [f"user{n:04d}" for n in range(250)]
    back = http.get("/management/v1/users", params={"pageToken": third["previousPageToken"]}).json()
    assert back["data"] == second["data"]


def test_a_single_page_has_neither_token(app: Starlette, client: AuthenticatedClient) -> None:
    add_users(app, client, 100)
    page = list_users.sync(client=client)
    assert isinstance(page, UserPage)
    assert len(page.data) == 100
    assert not page.next_page_token
    assert not page.previous_page_token


def test_a_tampered_page_token_names_no_page_a_404_naming_it(
    app: Starlette, http: TestClient, client: AuthenticatedClient
) -> None:
    add_users(app, client, 150)
    token = http.get("/management/v1/users").json()["nextPageToken"]
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    response = list_users.sync_detailed(client=client, page_token=tampered)
    assert response.status_code == 404
    error = error_of(response)
    assert (error["code"], error["field"]) == ("EV_OBJECT_NOT_FOUND", "pageToken")


def test_a_page_token_of_another_listing_is_refused(
    app: Starlette, http: TestClient, client: AuthenticatedClient
) -> None:
    add_users(app, client, 150)
    groups = [GroupInput(id=f"g{n:03d}", name="G") for n in range(150)]
    create_or_update_group_batch.sync_detailed(client=client, body=groups)
    sandbox_of(app).process_pending_batches()
    users_token = http.get("/management/v1/users").json()["nextPageToken"]
    assert list_groups.sync_detailed(client=client, page_token=users_token).status_code == 404
    groups_token = http.get("/management/v1/groups").json()["nextPageToken"]
    assert list_groups.sync_detailed(client=client, page_token=groups_token).status_code == 200


def test_a_forged_offset_is_refused(client: AuthenticatedClient) -> None:
    import base64

    forged = base64.urlsafe_b64encode(b"100." + b"\0" * 16).decode().rstrip("=")
    assert list_users.sync_detailed(client=client, page_token=forged).status_code == 404


def test_any_string_as_a_page_token_is_answered_404_not_400(client: AuthenticatedClient) -> None:
    # The spec lets a token be any string of 1 to 2048 characters, so none is malformed.
    for token in ("x", "not base64!", "MTIzLg", "é" * 20):
        assert list_users.sync_detailed(client=client, page_token=token).status_code == 404
