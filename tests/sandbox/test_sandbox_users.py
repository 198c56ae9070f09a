"""Users and groups through the generated client (seed, "User Management API" and "Group
Management API")."""

from __future__ import annotations

from typing import Any

from evocalize_client import AuthenticatedClient
from evocalize_client.api.groups import create_or_update_group, list_groups
from evocalize_client.api.users import (
    create_or_update_user,
    deactivate_user,
    get_user,
    list_user_facebook_pages,
    list_users,
)
from evocalize_client.models import GroupInput, UserInput
from sandbox_support import client_for, data_of, error_of, make_app
from starlette.applications import Starlette


def make_group(client: AuthenticatedClient, group_id: str, name: str = "A group") -> None:
    response = create_or_update_group.sync_detailed(
        client=client, body=GroupInput(id=group_id, name=name)
    )
    assert response.status_code == 201


def make_user(client: AuthenticatedClient, **fields: Any) -> dict[str, Any]:
    body = {"id": "u1", "name": "Test User", "email": "test1@evocalize.com", **fields}
    response = create_or_update_user.sync_detailed(client=client, body=UserInput.from_dict(body))
    assert response.status_code == 201, response.content
    user = data_of(response)
    assert isinstance(user, dict)
    return user


def test_creating_a_group_answers_it_and_lists_it(client: AuthenticatedClient) -> None:
    make_group(client, "seattle_office", "Seattle Office")
    response = list_groups.sync_detailed(client=client)
    assert data_of(response) == [{"id": "seattle_office", "name": "Seattle Office"}]


def test_posting_a_known_group_renames_it(client: AuthenticatedClient) -> None:
    make_group(client, "g", "Old")
    make_group(client, "g", "New")
    assert data_of(list_groups.sync_detailed(client=client)) == [{"id": "g", "name": "New"}]


def test_an_organization_without_users_lists_an_empty_array(client: AuthenticatedClient) -> None:
    response = list_users.sync_detailed(client=client)
    assert response.status_code == 200
    assert data_of(response) == []


def test_a_created_user_is_answered_wrapped_with_its_groups(client: AuthenticatedClient) -> None:
    make_group(client, "seattle_office", "Seattle Office")
    user = make_user(client, groups=[{"groupId": "seattle_office", "role": "group_admin"}])
    assert user == {
        "id": "u1",
        "name": "Test User",
        "email": "test1@evocalize.com",
        "groups": [{"id": "seattle_office", "name": "Seattle Office", "role": "group_admin"}],
    }
    fetched = get_user.sync_detailed("u1", client=client)
    assert fetched.status_code == 200
    assert data_of(fetched) == user


def test_an_unknown_user_is_a_404(client: AuthenticatedClient) -> None:
    response = get_user.sync_detailed("ghost", client=client)
    assert response.status_code == 404
    assert error_of(response)["code"] == "EV_OBJECT_NOT_FOUND"


def test_creating_a_user_needs_name_and_email(client: AuthenticatedClient) -> None:
    response = create_or_update_user.sync_detailed(
        client=client, body=UserInput.from_dict({"id": "new", "name": "No Mail"})
    )
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_INVALID_FIELDS", "email")


def test_an_update_changes_only_what_is_sent(client: AuthenticatedClient) -> None:
    make_user(client)
    response = create_or_update_user.sync_detailed(
        client=client, body=UserInput.from_dict({"id": "u1", "name": "Renamed"})
    )
    assert data_of(response)["email"] == "test1@evocalize.com"
    assert data_of(response)["name"] == "Renamed"


def test_a_user_cannot_join_a_group_that_does_not_exist(client: AuthenticatedClient) -> None:
    body: dict[str, Any] = {"id": "u1", "name": "N", "email": "n@example.com"}
    body["groups"] = [{"groupId": "nowhere", "role": "group_user"}]
    response = create_or_update_user.sync_detailed(client=client, body=UserInput.from_dict(body))
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "EV_BAD_REQUEST_INVALID_USER_IDENTITY"
    assert error["field"] == "groups[0].groupId"
    assert get_user.sync_detailed("u1", client=client).status_code == 404


def test_an_email_of_another_user_is_a_duplicate(client: AuthenticatedClient) -> None:
    make_user(client)
    response = create_or_update_user.sync_detailed(
        client=client,
        body=UserInput.from_dict({"id": "u2", "name": "Two", "email": "TEST1@evocalize.com"}),
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "EV_BAD_REQUEST_DUPLICATE"


def test_groups_are_added_unless_replace_groups_is_true(client: AuthenticatedClient) -> None:
    for group_id in ("a", "b", "c"):
        make_group(client, group_id)
    make_user(client, groups=[{"groupId": "a", "role": "group_user"}])
    added = make_user(client, groups=[{"groupId": "b", "role": "group_admin"}])
    assert [(g["id"], g["role"]) for g in added["groups"]] == [
        ("a", "group_user"),
        ("b", "group_admin"),
    ]
    replaced = make_user(client, replaceGroups=True, groups=[{"groupId": "c", "role": "team_lead"}])
    assert [(g["id"], g["role"]) for g in replaced["groups"]] == [("c", "team_lead")]
    kept = make_user(client, replaceGroups=True)  # no list: associations stay as they are
    assert [g["id"] for g in kept["groups"]] == ["c"]


def test_a_team_admin_membership_is_accepted_and_read_back(client: AuthenticatedClient) -> None:
    make_group(client, "seattle_office")
    created = make_user(client, groups=[{"groupId": "seattle_office", "role": "team_admin"}])
    assert [(g["id"], g["role"]) for g in created["groups"]] == [("seattle_office", "team_admin")]
    read = data_of(get_user.sync_detailed("u1", client=client))
    assert isinstance(read, dict)
    assert [g["role"] for g in read["groups"]] == ["team_admin"]


def test_deactivating_a_user_is_accepted_without_a_body(client: AuthenticatedClient) -> None:
    make_user(client)
    response = deactivate_user.sync_detailed("u1", client=client)
    assert response.status_code == 202
    assert response.content == b""
    assert get_user.sync_detailed("u1", client=client).status_code == 200


def test_deactivating_an_unknown_user_is_a_404(client: AuthenticatedClient) -> None:
    assert deactivate_user.sync_detailed("ghost", client=client).status_code == 404


def test_facebook_pages_of_a_user_come_from_the_seed(database_url: str) -> None:
    seed = {
        "repositories": [],
        "facebookPages": [
            {
                "userId": "u1",
                "id": "12309817412312",
                "facebookPageName": "Big Time Facebook Page",
                "facebookPageId": "1231412312",
                "instagramId": "1231243154123",
            }
        ],
    }
    app: Starlette = make_app(database_url, seed=seed)
    client = client_for(app)
    make_user(client)
    response = list_user_facebook_pages.sync_detailed("u1", client=client)
    assert response.status_code == 200
    assert data_of(response) == [
        {
            "id": "12309817412312",
            "facebookPageName": "Big Time Facebook Page",
            "facebookPageId": "1231412312",
            "instagramId": "1231243154123",
        }
    ]
    assert list_user_facebook_pages.sync_detailed("ghost", client=client).status_code == 404
