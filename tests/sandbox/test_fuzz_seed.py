"""The fuzzing seed: the sandbox under contract fuzzing starts with the users and groups that
the spec's examples name, so a request built from an example refers to objects that exist;
and `users` and `groups` are seed sections like `repositories`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from evocalize_client import AuthenticatedClient
from evocalize_client.api.content import list_repositories
from evocalize_client.api.groups import list_groups
from evocalize_client.api.users import get_user
from evocalize_sandbox.seed import SeedError, default_seed, fuzz_seed
from openapi_doc import embedded_examples
from sandbox_support import client_for, data_of, make_app


def seeded_client(database_url: str, seed: Any) -> AuthenticatedClient:
    return client_for(make_app(database_url, seed=seed))


def named_ids(value: Any, key: str) -> Iterator[str]:
    """Every string under `key` anywhere in an example."""
    if isinstance(value, dict):
        for name, child in value.items():
            if name == key and isinstance(child, str):
                yield child
            else:
                yield from named_ids(child, key)
    elif isinstance(value, list):
        for child in value:
            yield from named_ids(child, key)


def request_example_ids(key: str) -> set[str]:
    return {
        found
        for example in embedded_examples()
        if "/requestBody/" in example.where
        for found in named_ids(example.value, key)
    }


def test_seeded_groups_and_users_exist_with_their_memberships(database_url: str) -> None:
    seed = {
        "groups": [{"id": "g1", "name": "Group 1"}],
        "users": [
            {
                "id": "u1",
                "name": "User 1",
                "email": "u1@example.com",
                "groups": [{"groupId": "g1", "role": "group_admin"}],
            }
        ],
    }
    client = seeded_client(database_url, seed)
    assert data_of(list_groups.sync_detailed(client=client)) == [{"id": "g1", "name": "Group 1"}]
    user = data_of(get_user.sync_detailed("u1", client=client))
    assert user["groups"] == [{"id": "g1", "name": "Group 1", "role": "group_admin"}]


def test_a_seeded_user_of_an_unknown_group_is_a_seed_error(database_url: str) -> None:
    seed = {
        "users": [
            {
                "id": "u1",
                "name": "U",
                "email": "u@example.com",
                "groups": [{"groupId": "nowhere", "role": "group_user"}],
            }
        ]
    }
    with pytest.raises(SeedError, match=r"users\[0\].*nowhere"):
        make_app(database_url, seed=seed)


def test_a_seeded_user_without_an_email_is_a_seed_error(database_url: str) -> None:
    with pytest.raises(SeedError, match=r"users\[0\].*email"):
        make_app(database_url, seed={"users": [{"id": "u1", "name": "U"}]})


def test_the_fuzzing_seed_keeps_the_default_repositories(database_url: str) -> None:
    client = seeded_client(database_url, fuzz_seed())
    listed = {r["id"] for r in data_of(list_repositories.sync_detailed(client=client))}
    assert listed == {r["id"] for r in default_seed()["repositories"]}


def test_every_user_and_group_an_example_request_names_exists_in_the_fuzzing_seed(
    database_url: str,
) -> None:
    client = seeded_client(database_url, fuzz_seed())
    user_ids = request_example_ids("userId")
    group_ids = request_example_ids("groupId")
    assert {"test_user_id", "exampleUserId"} <= user_ids  # the examples were found
    for user_id in sorted(user_ids):
        assert get_user.sync_detailed(user_id, client=client).status_code == 200, user_id
    groups = {g["id"] for g in data_of(list_groups.sync_detailed(client=client))}
    assert group_ids <= groups


def test_the_order_examples_user_belongs_to_its_group_in_the_fuzzing_seed(
    database_url: str,
) -> None:
    # Placing an order needs a user of the group (the API reference's Orders section).
    client = seeded_client(database_url, fuzz_seed())
    user = data_of(get_user.sync_detailed("test_user_id", client=client))
    assert "test_group_id" in {group["id"] for group in user["groups"]}
